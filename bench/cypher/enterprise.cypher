// What the matching needs of one enterprise: its province, needs, industries (with their
// ancestors; those of level 2 or finer make "similar" enterprises) and the IPC codes of its
// own patents (read once by the benchmark, as the hub reads it first).
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
  OPTIONAL MATCH (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  RETURN collect(DISTINCT a.id) AS industries,
         collect(DISTINCT CASE WHEN a.level >= 2 THEN a.id END) AS similarIds
}
CALL (e) {
  OPTIONAL MATCH (p:Patent)-[:OWNED_BY]->(e)
  RETURN collect(p.ipcMain) AS ownIpc
}
RETURN e.provinceCode AS provinceCode, needs, industryIds, industries, similarIds, ownIpc
