// Every institution that has a roll-up or should have one (it owns or co-owns patents): a rebuild.
CALL () {
  MATCH (r:InstitutionRollup) RETURN r.institutionId AS id
  UNION
  MATCH (p:Patent) WHERE p.institutionId IS NOT NULL RETURN DISTINCT p.institutionId AS id
  UNION
  MATCH (p:Patent) WHERE p.coOwned = true UNWIND p.institutionIds AS id RETURN DISTINCT id
}
RETURN collect(id) AS ids
