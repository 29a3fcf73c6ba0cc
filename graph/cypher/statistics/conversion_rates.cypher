// Implementation and industrialisation of the base library (valid institution patents),
// by province or ministry, summed from the roll-ups the caller answers for.
// Industrialised: self-industrialised, or used by a filed product.
MATCH (r:InstitutionRollup)
WHERE r.patents > 0 AND __ROLLUP_OVERSIGHT__
WITH CASE $by WHEN 'PROVINCE' THEN r.provinceCode ELSE coalesce(r.ministryCode, 'LOCAL') END AS key,
     sum(r.patents) AS patents, sum(r.implemented) AS implemented,
     sum(r.industrialised) AS industrialised
OPTIONAL MATCH (pv:Province {code: key})
OPTIONAL MATCH (m:Ministry {code: key})
RETURN key, CASE $by WHEN 'PROVINCE' THEN pv.name ELSE coalesce(m.name, '地方所属') END AS name,
       patents, implemented, industrialised
ORDER BY key
