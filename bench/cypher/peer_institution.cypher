// An institution and its newest 50 patents (it has at least 50 granted), their inventors.
MATCH (i:Institution {id: $id})
CALL (i) {
  MATCH (p:Patent {institutionId: i.id}) WHERE p.grantYear >= $year
  WITH p ORDER BY p.grantDate DESC, p.appNo ASC LIMIT 50
  RETURN collect({appNo: p.appNo, title: p.title,
                  inventors: [(v:Inventor)-[:INVENTED]->(p) | v.name]}) AS patents
}
RETURN i.name AS name, patents
