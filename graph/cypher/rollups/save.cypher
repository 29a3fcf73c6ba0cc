// Write the roll-ups a delta produced: $rows of {id, props}; props null for an
// institution left without patents (its roll-up goes, as in rollups/refresh.cypher).
// The scope keys come from one of its patents (they are the institution's), or from the
// institution itself when it only shares co-owned patents.
UNWIND $rows AS row
OPTIONAL MATCH (old:InstitutionRollup {institutionId: row.id})
FOREACH (gone IN CASE WHEN row.props IS NULL AND old IS NOT NULL THEN [old] ELSE [] END |
  DETACH DELETE gone)
WITH row WHERE row.props IS NOT NULL
CALL (row) {
  OPTIONAL MATCH (p:Patent {institutionId: row.id})
  WITH p LIMIT 1
  OPTIONAL MATCH (i:Institution {id: row.id})
  RETURN i, CASE WHEN p IS NULL THEN i.provinceCode ELSE p.provinceCode END AS pr,
         CASE WHEN p IS NULL THEN coalesce(i.ministryCode, '') ELSE coalesce(p.ministryCode, '') END
           AS mi
}
MERGE (r:InstitutionRollup {institutionId: row.id})
SET r += row.props, r.provinceCode = pr, r.ministryCode = CASE WHEN mi <> '' THEN mi END
FOREACH (x IN CASE WHEN i IS NULL THEN [] ELSE [i] END | MERGE (r)-[:OF_INSTITUTION]->(x))
