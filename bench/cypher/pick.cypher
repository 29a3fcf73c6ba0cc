// Parameters of the benchmark, taken from the data in place: the busiest institution
// and province, an enterprise with stated needs, 100 patent keys and the change feed's
// last sequence number.
MATCH (p:Patent)
WITH count(p) AS patents
CALL () {
  MATCH (p:Patent) WHERE p.institutionId IS NOT NULL
  RETURN p.institutionId AS institutionId, count(*) AS n ORDER BY n DESC LIMIT 1
}
CALL () {
  MATCH (p:Patent) WHERE p.provinceCode IS NOT NULL
  RETURN p.provinceCode AS provinceCode, count(*) AS m ORDER BY m DESC LIMIT 1
}
CALL () {
  MATCH (e:Enterprise)-[:STATES]->(:TechNeed)
  WITH e, count(*) AS needs ORDER BY needs DESC, e.creditCode LIMIT 1
  RETURN e.creditCode AS creditCode
}
CALL () {
  MATCH (p:Patent) WITH p ORDER BY p.appNo LIMIT 100
  RETURN collect(p.appNo) AS appNos
}
CALL () {
  OPTIONAL MATCH (s:ChangeSequence {name: 'changes'})
  RETURN coalesce(s.last, 0) AS lastSeq
}
RETURN patents, institutionId, provinceCode, creditCode, appNos, lastSeq
