// Every roll-up as stored, and the dormant flags of the patents (the drift check compares
// them before and after a full recount that is rolled back).
CALL () {
  MATCH (r:InstitutionRollup) RETURN 'rollup' AS kind, r.institutionId AS key, properties(r) AS value
  UNION ALL
  MATCH (p:Patent) WHERE p.dormant = true RETURN 'dormant' AS kind, p.appNo AS key, null AS value
}
RETURN kind, key, value
