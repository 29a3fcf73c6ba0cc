// The current content of patents and the last change recorded for each, to compare hashes.
UNWIND $appNos AS a
MATCH (p:Patent {appNo: a})
CALL (a) {
  OPTIONAL MATCH (c:Change {appNo: a})
  RETURN c ORDER BY c.seq DESC LIMIT 1
}
RETURN a AS appNo, properties(p) AS props,
  [(v:Evaluation)-[:EVALUATES]->(p) | properties(v)] AS evaluations,
  [(t:Transaction)-[:OF_PATENT]->(p) | properties(t)] AS transactions,
  c.hash AS lastHash, c.transferable AS lastTransferable
