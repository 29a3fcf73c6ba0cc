// A unit of an institution (graph/units.py): created if new; the aliases given are added.
MATCH (i:Institution {id: $institution})
MERGE (u:Unit {id: $id})
ON CREATE SET u.name = $name, u.institutionId = i.id, u.aliases = [], u.createdAt = datetime(),
              u.source = 'MANUAL'
SET u.aliases = u.aliases + [a IN $aliases WHERE NOT a IN u.aliases AND a <> u.name]
MERGE (u)-[:PART_OF]->(i)
RETURN u.id AS id, u.name AS name, u.aliases AS aliases, i.name AS institution
