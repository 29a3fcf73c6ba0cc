// Candidate patents for one enterprise: transferable, visible to the caller, and found by
// the full-text index (need text), by industry, or by IPC prefix; each branch is capped.
// Then the facts the reasons are computed from; "similar" enterprises share an industry
// of level 2 or finer (a GB/T 4754 division, an SEI level-2 field) with this one.
CALL () {
  UNWIND $texts AS q
  CALL db.index.fulltext.queryNodes('patent_text', q, {limit: $perBranch}) YIELD node
  WITH node AS p
  WHERE p.transferable = true AND __PATENT_SCOPE__
  RETURN p
  UNION
  UNWIND $industryIds AS iid
  MATCH (:Industry {id: iid})<-[:PART_OF*0..3]-(:Industry)<-[:IN_INDUSTRY]-(p:Patent)
  WHERE p.transferable = true AND __PATENT_SCOPE__
  WITH DISTINCT p LIMIT $perBranch
  RETURN p
  UNION
  UNWIND $ipcPrefixes AS pre
  MATCH (p:Patent)
  WHERE p.ipcMain STARTS WITH pre AND p.transferable = true AND __PATENT_SCOPE__
  WITH DISTINCT p LIMIT $perBranch
  RETURN p
}
WITH DISTINCT p
WHERE NOT EXISTS { (p)-[:OWNED_BY]->(:Enterprise {creditCode: $creditCode}) }
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  RETURN collect(DISTINCT a {.id, .name, .level}) AS industries
}
CALL (p) {
  OPTIONAL MATCH (o:Enterprise)-[:SUBMITTED]->(v:Evaluation)-[:EVALUATES]->(p)
  WHERE o.creditCode <> $creditCode
    AND EXISTS { (o)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(x:Industry)
                 WHERE x.id IN $similarIds }
    AND __EVALUATION_SCOPE__
  RETURN collect(v {.prospect, .willingness, by: o.name}) AS priors
}
RETURN p {.appNo, .title, .abstract, .ipcMain, .ipcCodes, .provinceCode} AS patent,
       {{include.patent/row}} AS row, industries, priors
