// An institution, its province, its newest 20 patents with their inventors in filing
// order, and its number of patents.
MATCH (i:Institution {id: $id})
OPTIONAL MATCH (i)-[:LOCATED_IN]->(pv:Province)
CALL (i) {
  MATCH (p:Patent {institutionId: i.id})
  RETURN count(p) AS total
}
CALL (i) {
  MATCH (p:Patent {institutionId: i.id})
  WITH p ORDER BY coalesce(toString(p.grantDate), '') DESC, p.appNo ASC LIMIT $first
  CALL (p) {
    OPTIONAL MATCH (v:Inventor)-[r:INVENTED]->(p)
    WITH v ORDER BY r.order, v.name
    RETURN collect(v.name) AS inventors
  }
  RETURN collect({appNo: p.appNo, title: p.title, inventors: inventors}) AS patents
}
RETURN i.name AS name, pv.name AS province, total, patents
