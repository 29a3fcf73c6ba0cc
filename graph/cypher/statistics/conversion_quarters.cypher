// Per quarter of $quarters and province or ministry: registered transfers and licence
// filings, product filings, deal amounts, from the roll-ups the caller answers for.
// $mark picks the count that credits a shared deal or filing once per group
// (graph/cypher/rollups/refresh.cypher): P by province, M by ministry, X by both, I own.
MATCH (r:InstitutionRollup)
WHERE size(r.quarters) > 0 AND __ROLLUP_OVERSIGHT__
WITH r, CASE $by WHEN 'PROVINCE' THEN r.provinceCode ELSE coalesce(r.ministryCode, 'LOCAL') END AS key,
     [n IN range(0, size(r.quarters) - 1) WHERE r.quarters[n] IN $quarters] AS at
UNWIND at AS n
WITH key, r.quarters[n] AS quarter,
     sum(r['transfers' + $mark][n]) AS transfers, sum(r['licences' + $mark][n]) AS licences,
     sum(r['products' + $mark][n]) AS products, sum(r.amounts[n]) AS amount
RETURN key, quarter, transfers, licences, products, amount
