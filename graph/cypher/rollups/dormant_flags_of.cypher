// rollups/dormant_flags for the patents $appNos only (those a write touched).
UNWIND $appNos AS a
MATCH (p:Patent {appNo: a})
WHERE p.institutionId IS NOT NULL
WITH p, (p.stateFunded = true AND p.grantDate IS NOT NULL
         AND coalesce(p.legalStatus, 'VALID') = 'VALID'
         AND coalesce(p.implemented, false) = false
         AND none(s IN coalesce(p.implStatuses, []) WHERE s IN $excused)
         AND NOT EXISTS { (p)<-[:OF_PATENT]-(:Transaction) }) AS dormant
WHERE p.dormant IS NULL OR p.dormant <> dormant
SET p.dormant = dormant
