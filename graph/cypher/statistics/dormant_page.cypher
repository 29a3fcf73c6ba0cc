// One page of the 5-year dormant state-funded list, oldest grant first: a seek on the
// (dormant, grantDate) index in grant order (the flag is kept by graph/rollups.py).
MATCH (p:Patent)
WHERE p.dormant = true AND p.grantDate < $cutoff
  AND __PATENT_SCOPE__
RETURN {{include.patent/row}} AS row
ORDER BY p.dormant, p.grantDate, p.appNo  // index order (dormant is always true here): a partial sort
SKIP $skip LIMIT $limit
