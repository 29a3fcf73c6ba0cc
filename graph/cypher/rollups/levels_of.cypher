// The level-1 industries (any scheme) each industry of $ids is in: itself or up to three
// PART_OF steps above it, as rollups/patent_parts.cypher counts a patent's industries.
UNWIND $ids AS id
MATCH (:Industry {id: id})-[:PART_OF*0..3]->(s:Industry {level: 1})
RETURN id, collect(DISTINCT s.id) AS levels
