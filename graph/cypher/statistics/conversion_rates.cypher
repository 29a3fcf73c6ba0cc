// Implementation and industrialisation of the base library (valid institution patents),
// by province or ministry, summed from the roll-ups the caller answers for.
// Industrialised: self-industrialised, or used by a filed product.
// A co-owned patent counts once in each group of its owners: a later owner adds its shares
// of the caller's credit mark $mark (rollups/patent_parts.cypher, s|<mark>|<counter>), its
// patents, implemented and industrialised at $markAt, + 3, + 4 of the roll-up's shares
// (graph/rollup_delta.py, SHARE_SLOTS).
MATCH (r:InstitutionRollup)
WHERE __ROLLUP_OVERSIGHT__
WITH r, r.shares AS sh
WHERE r.patents > 0 OR any(n IN sh[0..7] WHERE n > 0)
WITH CASE $by WHEN 'PROVINCE' THEN r.provinceCode ELSE coalesce(r.ministryCode, 'LOCAL') END AS key,
     sum(r.patents + coalesce(sh[$markAt], 0)) AS patents,
     sum(r.implemented + coalesce(sh[$markAt + 3], 0)) AS implemented,
     sum(r.industrialised + coalesce(sh[$markAt + 4], 0)) AS industrialised
WHERE patents > 0
OPTIONAL MATCH (pv:Province {code: key})
OPTIONAL MATCH (m:Ministry {code: key})
RETURN key, CASE $by WHEN 'PROVINCE' THEN pv.name ELSE coalesce(m.name, '地方所属') END AS name,
       patents, implemented, industrialised
ORDER BY key
