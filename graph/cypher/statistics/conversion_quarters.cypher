// Per quarter of $quarters and province or ministry: registered transfers and licence
// filings, product filings, deal amounts, from the roll-ups the caller answers for.
// $mark picks the count that credits a shared deal or filing once per group
// (graph/cypher/rollups/refresh.cypher): P by province, M by ministry, X by both, I own.
MATCH (r:InstitutionRollup)
WHERE size(r.quarters) > 0 AND __ROLLUP_OVERSIGHT__
// Each list bound once: r.list[n] reads the whole list property again for every n.
WITH CASE $by WHEN 'PROVINCE' THEN r.provinceCode ELSE coalesce(r.ministryCode, 'LOCAL') END AS key,
     r.quarters AS quarters, r['transfers' + $mark] AS transfers,
     r['licences' + $mark] AS licences, r['products' + $mark] AS products, r.amounts AS amounts
UNWIND [n IN range(0, size(quarters) - 1) WHERE quarters[n] IN $quarters] AS n
WITH key, quarters[n] AS quarter,
     sum(transfers[n]) AS transfers, sum(licences[n]) AS licences,
     sum(products[n]) AS products, sum(amounts[n]) AS amount
RETURN key, quarter, transfers, licences, products, amount
