// The 5-year dormant state-funded list (专利法第48条 / 工作方案): counts by province.
// Whole grant years before $cutoff come from the roll-ups (visibility classes the caller
// sees); the year of $cutoff is counted from the (dormant, grantDate) index with the patent
// scope rule; what the caller sees through its own relationships from the patents.
CALL () {
  MATCH (r:InstitutionRollup)
  WHERE r.dormant > 0
  WITH r, __ROLLUP_CLASSES__ AS classes
  WITH r, 'O' IN classes AS o, 'C' IN classes AS c, 'P' IN classes AS p
  WITH r.provinceCode AS key,
       reduce(s = 0, n IN range(0, size(r.dormantYears) - 1) |
         s + CASE WHEN r.dormantYears[n] < $cutoff.year
                  THEN CASE WHEN o THEN r.dormantO[n] ELSE 0 END
                       + CASE WHEN c THEN r.dormantC[n] ELSE 0 END
                       + CASE WHEN p THEN r.dormantP[n] ELSE 0 END
                  ELSE 0 END) AS patents
  RETURN key, patents
  UNION ALL
  MATCH (p:Patent)
  WHERE p.dormant = true AND p.grantDate >= date({year: $cutoff.year, month: 1, day: 1})
    AND p.grantDate < $cutoff AND __PATENT_SCOPE__
  RETURN p.provinceCode AS key, 1 AS patents
  UNION ALL
  CALL () { __PRIVATE_PATENTS__ }
  WITH DISTINCT p
  WHERE p.dormant = true AND p.grantDate < date({year: $cutoff.year, month: 1, day: 1})
  RETURN p.provinceCode AS key, 1 AS patents
}
WITH key, sum(patents) AS patents
WHERE patents > 0
OPTIONAL MATCH (pv:Province {code: key})
RETURN key, pv.name AS name, patents
ORDER BY patents DESC, key
