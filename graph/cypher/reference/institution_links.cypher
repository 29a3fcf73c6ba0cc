// LOCATED_IN and SUPERVISED_BY of institutions; a link the new data no longer states is removed.
UNWIND $rows AS row
MATCH (i:Institution {id: row.id})
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:LOCATED_IN]->(p:Province)
  WHERE p.code <> row.provinceCode
  DELETE old
}
CALL (i, row) {
  MATCH (p:Province {code: row.provinceCode})
  MERGE (i)-[:LOCATED_IN]->(p)
}
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:SUPERVISED_BY]->(m:Ministry)
  WHERE row.ministryCode IS NULL OR m.code <> row.ministryCode
  DELETE old
}
CALL (i, row) {
  OPTIONAL MATCH (m:Ministry {code: row.ministryCode})
  WITH m WHERE m IS NOT NULL
  MERGE (i)-[:SUPERVISED_BY]->(m)
}
