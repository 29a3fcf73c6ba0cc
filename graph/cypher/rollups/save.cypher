// Write the roll-ups a delta produced: $rows of {id, props}; props null for an
// institution left without patents (its roll-up goes, as in rollups/refresh.cypher).
// The scope keys come from one of its patents (they are the institution's).
UNWIND $rows AS row
OPTIONAL MATCH (old:InstitutionRollup {institutionId: row.id})
FOREACH (gone IN CASE WHEN row.props IS NULL AND old IS NOT NULL THEN [old] ELSE [] END |
  DETACH DELETE gone)
WITH row WHERE row.props IS NOT NULL
CALL (row) {
  MATCH (p:Patent {institutionId: row.id})
  RETURN p.provinceCode AS pr, coalesce(p.ministryCode, '') AS mi
  LIMIT 1
}
MERGE (r:InstitutionRollup {institutionId: row.id})
SET r += row.props, r.provinceCode = pr, r.ministryCode = CASE WHEN mi <> '' THEN mi END
