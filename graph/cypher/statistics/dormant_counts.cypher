// The 5-year dormant state-funded list (专利法第48条 / 工作方案): counts by province.
// What was granted before the month of $cutoff comes from the roll-ups (visibility classes
// the caller sees): whole years from the counts by year, the months of $cutoff's year from
// the counts by month; the days of $cutoff's month are counted from the (dormant,
// grantDate) index with the patent scope rule; what the caller sees through its own
// relationships from the patents.
CALL () {
  MATCH (r:InstitutionRollup)
  WHERE r.dormant > 0
  WITH r, __ROLLUP_CLASSES__ AS classes
  // Each list bound once: r.list[n] reads the whole list property again for every n.
  WITH r.provinceCode AS key, r.dormantYears AS years,
       CASE WHEN 'O' IN classes THEN [r.dormantO, r.dormantMonthsO] ELSE [[], []] END AS o,
       CASE WHEN 'C' IN classes THEN [r.dormantC, r.dormantMonthsC] ELSE [[], []] END AS c,
       CASE WHEN 'P' IN classes THEN [r.dormantP, r.dormantMonthsP] ELSE [[], []] END AS p
  // years is in ascending order: the first `whole` of them are before $cutoff's year.
  WITH key, years, o, c, p, size([y IN years WHERE y < $cutoff.year]) AS whole
  WITH key, o, c, p, whole,
       CASE WHEN whole < size(years) AND years[whole] = $cutoff.year
            THEN range(whole * 12, whole * 12 + $cutoff.month - 2) ELSE [] END AS months
  RETURN key,
         reduce(s = 0, n IN range(0, whole - 1) |
                s + coalesce(o[0][n], 0) + coalesce(c[0][n], 0) + coalesce(p[0][n], 0))
         + reduce(s = 0, n IN months |
                  s + coalesce(o[1][n], 0) + coalesce(c[1][n], 0) + coalesce(p[1][n], 0))
         AS patents
  UNION ALL
  MATCH (p:Patent)
  WHERE p.dormant = true
    AND p.grantDate >= date({year: $cutoff.year, month: $cutoff.month, day: 1})
    AND p.grantDate < $cutoff AND __PATENT_SCOPE__
  RETURN p.provinceCode AS key, 1 AS patents
  UNION ALL
  CALL () { __PRIVATE_PATENTS__ }
  WITH DISTINCT p
  WHERE p.dormant = true
    AND p.grantDate < date({year: $cutoff.year, month: $cutoff.month, day: 1})
  RETURN p.provinceCode AS key, 1 AS patents
}
WITH key, sum(patents) AS patents
WHERE patents > 0
OPTIONAL MATCH (pv:Province {code: key})
RETURN key, pv.name AS name, patents
ORDER BY patents DESC, key
