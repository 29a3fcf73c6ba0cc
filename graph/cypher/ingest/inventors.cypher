// Inventors are named per institution (the template names people, not persons).
UNWIND $rows AS r
MERGE (i:Inventor {id: r.id})
SET i.name = r.name, i.institutionId = r.inst
WITH i, r
MATCH (s:Institution {id: r.inst})
MERGE (i)-[:AFFILIATED_WITH]->(s)
