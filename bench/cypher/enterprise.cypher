// What the matching needs of one enterprise: its needs, its industries and the IPC
// codes of its own patents (read once by the benchmark, as the hub reads it first).
MATCH (e:Enterprise {creditCode: $creditCode})
CALL (e) {
  OPTIONAL MATCH (e)-[:STATES]->(n:TechNeed)
  RETURN collect(n {.text, .ipcPrefixes}) AS needs
}
CALL (e) {
  OPTIONAL MATCH (e)-[:IN_INDUSTRY]->(i:Industry)
  RETURN collect(DISTINCT i.id) AS industryIds
}
CALL (e) {
  OPTIONAL MATCH (p:Patent)-[:OWNED_BY]->(e)
  RETURN collect(p.ipcMain) AS ownIpc
}
RETURN needs, industryIds, ownIpc
