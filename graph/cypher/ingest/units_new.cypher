// Units an import found in owner names or in 所属学院 (docs/graph-model.md, "Units").
UNWIND $rows AS r
MATCH (i:Institution {id: r.inst})
MERGE (u:Unit {id: r.id})
ON CREATE SET u.name = r.name, u.institutionId = r.inst, u.aliases = [],
              u.createdAt = datetime(), u.source = 'IMPORT'
MERGE (u)-[:PART_OF]->(i)
