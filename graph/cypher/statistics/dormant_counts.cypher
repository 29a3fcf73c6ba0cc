// The 5-year dormant state-funded list (专利法第48条 / 工作方案): counts, total and by province.
MATCH (p:Patent)
WHERE p.stateFunded = true AND p.grantDate < $cutoff
  AND coalesce(p.legalStatus, 'VALID') = 'VALID'
  AND coalesce(p.implemented, false) = false
  AND none(s IN coalesce(p.implStatuses, []) WHERE s IN $excused)
  AND NOT EXISTS { (p)<-[:OF_PATENT]-(:Transaction) }
  AND __PATENT_SCOPE__
OPTIONAL MATCH (pv:Province {code: p.provinceCode})
RETURN p.provinceCode AS key, pv.name AS name, count(p) AS patents
ORDER BY patents DESC, key
