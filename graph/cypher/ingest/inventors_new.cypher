// Inventors the hub does not hold yet (the validator looked their ids up), with their
// institution. Inventors are named per institution (the template names people, not persons).
UNWIND $rows AS r
CREATE (i:Inventor {id: r.id, name: r.name, institutionId: r.inst})
WITH i, r
MATCH (s:Institution {id: r.inst})
CREATE (i)-[:AFFILIATED_WITH]->(s)
