// Institution → level-1 industry edges, weighted by the in-scope patents of the
// institution (its first owner) classified in the industry or below it: for the
// institutions $institutions (null: any) and the level-1 industries $industries (null:
// any of scheme $scheme; null: any scheme).
//
// The roll-ups count each institution's patents by level-1 industry and visibility class
// (rollups/refresh.cypher, industryIds / industryO|C|P); the caller sees the classes of
// statistics/rollup_classes.cypher, except that a unit account sees its own
// institution's patents of its unit only. What no class covers is read from the patents
// themselves: those seen through the caller's own relationships
// (statistics/private_patents.cypher) and a unit account's own patents and co-owned ones.
// A co-owned patent seen through a later owner and not through its first owner is that
// later owner's share (shareIndustryKeys, rollup_shares.cypher), weighing the first
// owner's edge. So the weights are those of walking every in-scope patent, without
// walking them.
CALL () {
  MATCH (s:Industry {level: 1})
  WHERE ($industries IS NULL OR s.id IN $industries) AND ($scheme IS NULL OR s.scheme = $scheme)
  RETURN collect(s.id) AS wanted
}
CALL (wanted) {
  MATCH (r:InstitutionRollup)
  WHERE $institutions IS NULL OR r.institutionId IN $institutions
  WITH r, CASE WHEN $scope.unit IS NOT NULL AND r.institutionId = $scope.institution
               THEN ['O'] ELSE __ROLLUP_CLASSES__ END AS classes
  // Each list bound once: r.list[n] reads the whole list property again for every n.
  WITH r.institutionId AS iid, coalesce(r.industryIds, []) AS keys,
       CASE WHEN 'O' IN classes THEN r.industryO END AS o,
       CASE WHEN 'C' IN classes THEN r.industryC END AS c,
       CASE WHEN 'P' IN classes THEN r.industryP END AS p
  UNWIND [n IN range(0, size(keys) - 1) WHERE keys[n] IN wanted] AS n
  RETURN iid, keys[n] AS sid, coalesce(o[n], 0) + coalesce(c[n], 0) + coalesce(p[n], 0) AS weight
  UNION ALL
  // shares "<mark>|<class>|<first owner>|<industry>" (a unit account's are walked below:
  // it sees only the co-owned patents of its unit)
  MATCH (r:InstitutionRollup)
  WHERE $scope.unit IS NULL
  WITH r, __ROLLUP_SHARES__ AS prefixes
  WHERE size(prefixes) > 0 AND size(r.shareIndustryKeys) > 0
  WITH r.shareIndustryKeys AS keys, r.shareIndustryCounts AS counts, prefixes
  UNWIND range(0, size(keys) - 1) AS n
  WITH keys[n] AS k, counts[n] AS weight, prefixes
  WHERE any(x IN prefixes WHERE k STARTS WITH x)
  WITH split(k, '|') AS k, weight
  WHERE k[3] IN wanted AND ($institutions IS NULL OR k[2] IN $institutions)
  RETURN k[2] AS iid, k[3] AS sid, weight
  UNION ALL
  CALL () {
    CALL () { __PRIVATE_PATENTS__ }
    RETURN p
    UNION
    // (a seek on nothing unless the caller is a unit account of a role whose classes
    // depend on the owner, $ownerDependent, hub/resolvers/co_owned.py: the others'
    // classes cover a co-owned patent as they cover it through its first owner, and their
    // own relationships are the private patents'; the other accounts read the shares above)
    // (the hint: the planner would seek each alternative of the scope rule, e.g. every
    // patent of the caller's ministry, and filter them for the few co-owned ones)
    MATCH (p:Patent {coOwned: CASE WHEN $ownerDependent AND $scope.unit IS NOT NULL
                                   THEN true END})
    USING INDEX p:Patent(coOwned)
    WHERE __PATENT_SCOPE__
    WITH p, {institutionId: p.institutionId, provinceCode: p.provinceCode,
             ministryCode: p.ministryCode} AS r
    WITH p, r, CASE WHEN $scope.unit IS NOT NULL AND r.institutionId = $scope.institution
                    THEN ['O'] ELSE __ROLLUP_CLASSES__ END AS classes
    WHERE NOT (CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C'
                    ELSE 'P' END) IN classes
    RETURN p
    UNION
    // (a seek on nothing unless the caller is a unit account)
    MATCH (p:Patent {institutionId: CASE WHEN $scope.unit IS NOT NULL THEN $scope.institution END})
    WHERE $scope.unit IN p.unitIds AND coalesce(p.openLicence, false) = false
    RETURN p
  }
  WITH p
  WHERE p.institutionId IS NOT NULL
    AND ($institutions IS NULL OR p.institutionId IN $institutions)
  MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
  WITH DISTINCT p, s.id AS sid
  WHERE sid IN wanted
  RETURN p.institutionId AS iid, sid, count(*) AS weight
}
WITH iid, sid, sum(weight) AS weight
WHERE weight > 0
// The heaviest edges first, then their names: a look-up per edge drawn, not per edge.
ORDER BY weight DESC, iid, sid
LIMIT $limit
MATCH (s:Industry {id: sid})
MATCH (i:Institution {id: iid})
RETURN i.id AS source, i.name AS sourceLabel, s.id AS target, s.name AS targetLabel, weight
ORDER BY weight DESC, source, target
