// Owner names kept on patents that an enterprise or institution now answers to (its name
// or an alias): linked to it, so the patents it co-owns are found from it.
UNWIND $rows AS r
MATCH (n:OwnerName)
WHERE n.name IN r.names
CALL (n, r) {
  MATCH (e:Enterprise {creditCode: r.id})
  MERGE (n)-[:REGISTERED_AS]->(e)
  UNION
  MATCH (i:Institution {id: r.id})
  MERGE (n)-[:REGISTERED_AS]->(i)
}
