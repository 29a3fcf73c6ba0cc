UNWIND $rows AS r
MERGE (x:Expert {id: r.id})
SET x += r.props
WITH x, r
CALL (x, r) {
  MATCH (x)-[old:RECOMMENDED_BY]->(p:Province)
  WHERE p.code <> r.props.provinceCode
  DELETE old
}
CALL (x, r) {
  MATCH (p:Province {code: r.props.provinceCode})
  MERGE (x)-[:RECOMMENDED_BY]->(p)
}
CALL (x, r) {
  MATCH (x)-[old:EXPERT_IN]->(i)
  WHERE NOT i.id IN r.industries
  DELETE old
}
CALL (x, r) {
  UNWIND r.industries AS id
  MATCH (i:Industry {id: id})
  MERGE (x)-[:EXPERT_IN]->(i)
}
