// The enterprise to match for, when the caller may see it: its industries (with their
// ancestors), stated needs and the IPC codes of patents it owns.
MATCH (e:Enterprise {creditCode: $creditCode})
WHERE __ENTERPRISE_SCOPE__
CALL (e) {
  OPTIONAL MATCH (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  RETURN collect(DISTINCT a {.id, .name, .level}) AS industries
}
CALL (e) {
  OPTIONAL MATCH (e)-[:IN_INDUSTRY]->(d:Industry)
  RETURN collect(DISTINCT d.id) AS direct
}
CALL (e) {
  OPTIONAL MATCH (e)-[:STATES]->(n:TechNeed)
  RETURN collect(n {.id, .text, .ipcPrefixes}) AS needs
}
CALL (e) {
  OPTIONAL MATCH (q:Patent)-[:OWNED_BY]->(e)
  RETURN collect(DISTINCT q.ipcMain) AS ownIpc
}
RETURN e.creditCode AS creditCode, e.name AS name, e.provinceCode AS provinceCode,
       industries, direct, needs, ownIpc
