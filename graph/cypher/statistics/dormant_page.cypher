// One page of the 5-year dormant state-funded list, oldest grant first.
MATCH (p:Patent)
WHERE p.stateFunded = true AND p.grantDate < $cutoff
  AND coalesce(p.legalStatus, 'VALID') = 'VALID'
  AND coalesce(p.implemented, false) = false
  AND none(s IN coalesce(p.implStatuses, []) WHERE s IN $excused)
  AND NOT EXISTS { (p)<-[:OF_PATENT]-(:Transaction) }
  AND __PATENT_SCOPE__
RETURN {{include.patent/row}} AS row
ORDER BY p.grantDate, p.appNo
SKIP $skip LIMIT $limit
