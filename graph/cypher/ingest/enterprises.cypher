// Enterprises with their province, industries, SASAC supervision of central enterprises
// and their stated technical need.
UNWIND $rows AS r
MERGE (e:Enterprise {creditCode: r.code})
SET e += r.props
WITH e, r
CALL (e, r) {
  MATCH (e)-[x:LOCATED_IN]->(p:Province)
  WHERE p.code <> r.props.provinceCode
  DELETE x
}
CALL (e, r) {
  MATCH (p:Province {code: r.props.provinceCode})
  MERGE (e)-[:LOCATED_IN]->(p)
}
CALL (e, r) {
  MATCH (e)-[x:IN_INDUSTRY]->(i)
  WHERE NOT i.id IN r.industries
  DELETE x
}
CALL (e, r) {
  UNWIND r.industries AS id
  MATCH (i:Industry {id: id})
  MERGE (e)-[:IN_INDUSTRY {source: 'DECLARED'}]->(i)
}
CALL (e, r) {
  OPTIONAL MATCH (e)-[x:SUPERVISED_BY]->(:Ministry)
  WITH x WHERE x IS NOT NULL AND NOT r.central
  DELETE x
}
CALL (e, r) {
  WITH e, r WHERE r.central
  MATCH (m:Ministry {code: 'SASAC'})
  MERGE (e)-[:SUPERVISED_BY]->(m)
}
CALL (e, r) {
  WITH e, r WHERE r.need IS NOT NULL
  MERGE (n:TechNeed {id: r.code + '/1'})
  ON CREATE SET n.createdAt = datetime(), n.ipcPrefixes = []
  SET n.text = r.need
  MERGE (e)-[:STATES]->(n)
}
