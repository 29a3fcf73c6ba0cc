// Implementation and industrialisation of the base library (valid institution patents),
// by province or ministry. Industrialised: self-industrialised, or used by a filed product.
MATCH (p:Patent)
WHERE p.institutionId IS NOT NULL AND coalesce(p.legalStatus, 'VALID') = 'VALID'
  AND __PATENT_SCOPE__ AND __OVERSIGHT__
WITH CASE $by WHEN 'PROVINCE' THEN p.provinceCode ELSE coalesce(p.ministryCode, 'LOCAL') END AS key,
     p
WITH key, count(p) AS patents,
     count(CASE WHEN p.implemented = true THEN 1 END) AS implemented,
     count(CASE WHEN 'SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                  OR EXISTS { (p)<-[:USES]-(:ProductFiling) } THEN 1 END) AS industrialised
OPTIONAL MATCH (pv:Province {code: key})
OPTIONAL MATCH (m:Ministry {code: key})
RETURN key, CASE $by WHEN 'PROVINCE' THEN pv.name ELSE coalesce(m.name, '地方所属') END AS name,
       patents, implemented, industrialised
ORDER BY key
