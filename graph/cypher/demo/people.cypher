// Whom the demo people stand for: the two provinces with the most patents, the
// institution of the first with the most patents, its ministry, an enterprise and an
// expert (the first in id order), and a unit of an institution if the graph has units.
CALL () {
  MATCH (p:Patent)-[:OWNED_BY]->(i:Institution)
  WHERE i.provinceCode IS NOT NULL
  WITH i.provinceCode AS province, count(p) AS patents
  ORDER BY patents DESC, province
  RETURN collect(province)[0..2] AS provinces
}
CALL (provinces) {
  UNWIND provinces AS code
  MATCH (pr:Province {code: code})
  RETURN collect(pr.name) AS provinceNames
}
CALL (provinces) {
  MATCH (p:Patent)-[:OWNED_BY]->(i:Institution)
  WHERE i.provinceCode = provinces[0] AND i.ministryCode IS NOT NULL
  WITH i, count(p) AS patents
  ORDER BY patents DESC, i.id
  LIMIT 1
  RETURN i.id AS institution, i.name AS institutionName, i.ministryCode AS ministry
}
CALL () {
  OPTIONAL MATCH (e:Enterprise)
  WITH e ORDER BY e.creditCode LIMIT 1
  RETURN e.creditCode AS enterprise, e.name AS enterpriseName
}
CALL () {
  OPTIONAL MATCH (x:Expert)
  WITH x ORDER BY x.id LIMIT 1
  RETURN x.id AS expert, x.name AS expertName
}
CALL () {
  OPTIONAL MATCH (u:Unit)
  WITH u ORDER BY u.id LIMIT 1
  RETURN u.id AS unit, u.institutionId AS unitInstitution, u.name AS unitName
}
RETURN provinces, provinceNames, institution, institutionName, ministry, enterprise, enterpriseName,
       expert, expertName, unit, unitInstitution, unitName
