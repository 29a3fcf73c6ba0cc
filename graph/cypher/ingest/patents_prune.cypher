// Links of re-imported patents that the file no longer gives (owners, inventors, IPC,
// derived industries); declared industries belong to the inventory and are kept.
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
CALL (p, r) {
  MATCH (p)-[x:OWNED_BY]->(o)
  WHERE NOT coalesce(o.id, o.creditCode) IN r.owners
  DELETE x
}
CALL (p, r) {
  MATCH (i:Inventor)-[x:INVENTED]->(p)
  WHERE NOT i.id IN r.inventors
  DELETE x
}
CALL (p, r) {
  MATCH (p)-[x:HAS_IPC]->(c)
  WHERE NOT c.code IN r.ipc
  DELETE x
}
CALL (p, r) {
  MATCH (p)-[x:IN_INDUSTRY]->(i)
  WHERE x.source IN ['IPC_CONCORDANCE', 'DERIVED'] AND NOT i.id IN r.industries
  DELETE x
}
