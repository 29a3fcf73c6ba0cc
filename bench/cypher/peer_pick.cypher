// Parameters of the side-by-side bench: the institution with the most granted patents
// (at least 50, so both sides' first 50 are granted ones), the busiest province, and
// 100 patent keys.
MATCH (p:Patent)
WITH count(p) AS patents
CALL () {
  MATCH (p:Patent) WHERE p.institutionId IS NOT NULL AND p.grantYear >= $year
  RETURN p.institutionId AS institutionId, count(*) AS n ORDER BY n DESC LIMIT 1
}
CALL () {
  MATCH (p:Patent) WHERE p.provinceCode IS NOT NULL
  RETURN p.provinceCode AS provinceCode, count(*) AS m ORDER BY m DESC LIMIT 1
}
CALL () {
  MATCH (p:Patent) WITH p ORDER BY p.appNo LIMIT 100
  RETURN collect(p.appNo) AS appNos
}
RETURN patents, institutionId, provinceCode, appNos
