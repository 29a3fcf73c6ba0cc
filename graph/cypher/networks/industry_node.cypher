// The centre industry (reference data: public) with its level-1 ancestor.
MATCH (c:Industry {id: $id})-[:PART_OF*0..3]->(s:Industry {level: 1})
RETURN c.id AS id, c.name AS name, s.id AS sectionId, s.scheme AS scheme
