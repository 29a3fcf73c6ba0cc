// Implementation and industrialisation of the base library (valid institution patents),
// by province or ministry, summed from the roll-ups the caller answers for.
// Industrialised: self-industrialised, or used by a filed product.
// A co-owned patent counts once in each group of its owners: a later owner adds its shares
// of the caller's credit mark $mark (rollups/patent_parts.cypher, s|<mark>|<counter>).
MATCH (r:InstitutionRollup)
WHERE (r.patents > 0 OR size(r.shareKeys) > 0) AND __ROLLUP_OVERSIGHT__
WITH r, coalesce(r.shareKeys, []) AS sk, coalesce(r.shareCounts, []) AS sc
WITH r, [n IN range(0, size(sk) - 1) WHERE sk[n] STARTS WITH $mark + '|'
         | [substring(sk[n], size($mark) + 1), sc[n]]] AS mine
WITH CASE $by WHEN 'PROVINCE' THEN r.provinceCode ELSE coalesce(r.ministryCode, 'LOCAL') END AS key,
     sum(r.patents + coalesce(head([x IN mine WHERE x[0] = 'patents' | x[1]]), 0)) AS patents,
     sum(r.implemented + coalesce(head([x IN mine WHERE x[0] = 'implemented' | x[1]]), 0))
       AS implemented,
     sum(r.industrialised + coalesce(head([x IN mine WHERE x[0] = 'industrialised' | x[1]]), 0))
       AS industrialised
WHERE patents > 0
OPTIONAL MATCH (pv:Province {code: key})
OPTIONAL MATCH (m:Ministry {code: key})
RETURN key, CASE $by WHEN 'PROVINCE' THEN pv.name ELSE coalesce(m.name, '地方所属') END AS name,
       patents, implemented, industrialised
ORDER BY key
