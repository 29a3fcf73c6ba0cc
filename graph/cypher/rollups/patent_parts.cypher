// What each patent of $appNos adds to its institution's roll-up, summed per institution
// and part (graph/rollups.py reads this before and after a write and applies the
// difference). The same figures as rollups/refresh.cypher, patent by patent:
//   n|<counter>            owned, patents, inventoried, … (1 per patent counted)
//   type|<type>            patents by type ('' = unknown)
//   lib|<class>|<key>      resource library (screened in) per visibility class
//   dy|<class>|<year>      dormant candidates by grant year per class
//   dm|<class>|<year>|<m>  the same by grant month (1–12)
//   ind|<class>|<id>       every patent by level-1 industry (any scheme) per class
// and, for each later owner of a co-owned patent, under that owner's id, per mark: I any
// later owner; P the first of its province among the owners, M of its ministry, X of both
// (the credits of rollups/refresh.cypher's conversion counts), so that a statistic counts
// the patent once in each group the caller answers for (hub/resolvers/co_owned.py):
//   s|<mark>|<counter>     its share of patents, inventoried, … (SHARED_COUNTERS)
//   sl|<mark>|<class>|<key>  its share of the library, classes C and P, marks I, P, M
//   si|<mark>|<class>|<first owner>|<id>  its share of the network's counts (ind|), under
//                          the patent's first owner, whose edge it weighs; the same classes
//                          and marks
UNWIND $appNos AS a
MATCH (p:Patent {appNo: a})
WHERE p.institutionId IS NOT NULL
WITH p, coalesce(p.legalStatus, 'VALID') = 'VALID' AS valid,
     CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
// One walk to the level-1 industries: all of them for the network's counts, those of the
// library's two schemes for a screened-in patent.
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
  WITH DISTINCT p, s
  RETURN collect(s.id) AS industries,
         collect(CASE WHEN p.inventoryState = 'SCREENED_IN' AND s.scheme IN ['GBT4754', 'SEI2018']
                      THEN s.scheme + '|' + s.code END) AS sections
}
WITH p, valid, c, industries, [x IN sections WHERE x STARTS WITH 'GBT4754|'] AS gbt,
     [x IN sections WHERE x STARTS WITH 'SEI2018|'] AS sei
WITH p,
     ['n|owned', 'type|' + coalesce(p.type, '')]
     + CASE WHEN valid THEN ['n|patents'] ELSE [] END
     + CASE WHEN valid AND p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT']
            THEN ['n|inventoried'] ELSE [] END
     + CASE WHEN valid AND p.inventoryState = 'SCREENED_IN' THEN ['n|screenedIn'] ELSE [] END
     + CASE WHEN valid AND p.implemented = true THEN ['n|implemented'] ELSE [] END
     + CASE WHEN valid AND ('SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                            OR EXISTS { (p)<-[:USES]-(:ProductFiling) })
            THEN ['n|industrialised'] ELSE [] END
     + CASE WHEN p.transferable = true THEN ['n|transferable'] ELSE [] END
     + CASE WHEN p.transferable = true
                 AND EXISTS { (:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p) }
            THEN ['n|transferableEvaluated'] ELSE [] END
     + CASE WHEN p.stateFunded = true THEN ['n|stateFunded'] ELSE [] END
     + CASE WHEN p.openLicence = true THEN ['n|openLicence'] ELSE [] END
     + CASE WHEN p.dormant = true
            THEN ['n|dormant', 'dy|' + c + '|' + coalesce(toString(p.grantDate.year), '')]
                 + CASE WHEN p.grantDate IS NOT NULL
                        THEN ['dm|' + c + '|' + toString(p.grantDate.year) + '|'
                              + toString(p.grantDate.month)]
                        ELSE [] END
            ELSE [] END
     + CASE WHEN p.inventoryState = 'SCREENED_IN'
            THEN [k IN ['total|', 'maturity|' + coalesce(toString(p.maturity), ''),
                        'rating|' + coalesce(toString(p.rating), '')]
                       + CASE WHEN size(gbt) = 0 THEN ['GBT4754|'] ELSE gbt END
                       + CASE WHEN size(sei) = 0 THEN ['SEI2018|'] ELSE sei END
                  | 'lib|' + c + '|' + k]
            ELSE [] END
     + [x IN industries | 'ind|' + c + '|' + x] AS keys
CALL (p) {
  WITH p WHERE p.coOwned = true
  UNWIND range(0, size(p.institutionIds) - 1) AS n
  OPTIONAL MATCH (i:Institution {id: p.institutionIds[n]})
  WITH n, [p.institutionIds[n], coalesce(i.provinceCode, ''), coalesce(i.ministryCode, 'LOCAL')]
          AS o
  ORDER BY n
  WITH collect(o) AS os
  RETURN [n IN range(1, size(os) - 1) |
          [os[n][0],
           ['I']
           + CASE WHEN none(j IN range(0, n - 1) WHERE os[j][1] = os[n][1]) THEN ['P'] ELSE [] END
           + CASE WHEN none(j IN range(0, n - 1) WHERE os[j][2] = os[n][2]) THEN ['M'] ELSE [] END
           + CASE WHEN none(j IN range(0, n - 1)
                            WHERE os[j][1] = os[n][1] AND os[j][2] = os[n][2])
                  THEN ['X'] ELSE [] END]] AS later
}
CALL (p, keys, later) {
  UNWIND keys AS k
  RETURN p.institutionId AS id, k
  UNION ALL
  UNWIND later AS o
  UNWIND o[1] AS m
  UNWIND [k IN keys WHERE k IN $sharedCounters | 's|' + m + '|' + substring(k, 2)]
         + CASE WHEN m IN ['I', 'P', 'M']
                THEN [k IN keys WHERE k STARTS WITH 'lib|C|' OR k STARTS WITH 'lib|P|'
                      | 'sl|' + m + '|' + substring(k, 4)]
                     + [k IN keys WHERE k STARTS WITH 'ind|C|' OR k STARTS WITH 'ind|P|'
                        | 'si|' + m + '|' + substring(k, 4, 2) + p.institutionId + '|'
                          + substring(k, 6)]
                ELSE [] END AS k
  RETURN o[0] AS id, k
}
RETURN id, k, count(*) AS n
