// The owner names of a patent that no registered party answers to (NAMED_OWNER ->
// OwnerName): links the row no longer gives are removed, the rest merged.
// An OwnerName is later linked (REGISTERED_AS) to the enterprise or institution registered
// with that name or alias (ingest/owner_names_link).
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
CALL (p, r) {
  MATCH (p)-[x:NAMED_OWNER]->(n:OwnerName)
  WHERE NOT n.name IN [m IN r.names | m.name]
  DELETE x
}
CALL (p, r) {
  UNWIND r.names AS m
  MERGE (n:OwnerName {name: m.name})
  MERGE (p)-[x:NAMED_OWNER]->(n)
  SET x.order = m.order
}
