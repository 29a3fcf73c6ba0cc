// Candidate transferable patents for an enterprise: hits of its need texts in the
// full-text index, patents in its industries and patents sharing an IPC prefix of its
// needs, each with what the scoring reads (industries, evaluations by peers).
MATCH (e:Enterprise {creditCode: $creditCode})
CALL (e) {
  UNWIND $texts AS text
  CALL db.index.fulltext.queryNodes('patent_text', text, {limit: $perBranch}) YIELD node
  RETURN node AS p
  UNION
  UNWIND $industryIds AS id
  MATCH (:Industry {id: id})<-[:IN_INDUSTRY]-(node:Patent)
  WITH node LIMIT $perBranch
  RETURN node AS p
  UNION
  UNWIND $ipcPrefixes AS prefix
  MATCH (node:Patent) WHERE node.ipcMain STARTS WITH prefix
  WITH node LIMIT $perBranch
  RETURN node AS p
}
WITH DISTINCT e, p WHERE p.transferable = true
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(ind:Industry)
  RETURN collect(DISTINCT {id: ind.id, name: ind.name, level: ind.level}) AS industries
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:EVALUATES]-(v:Evaluation)<-[:SUBMITTED]-(:Enterprise)
  RETURN collect(v.prospect) AS priors
}
RETURN p.appNo AS appNo, p.title AS title, p.abstract AS abstract, p.ipcMain AS ipcMain,
       p.ipcCodes AS ipcCodes, p.provinceCode AS provinceCode, industries, priors
