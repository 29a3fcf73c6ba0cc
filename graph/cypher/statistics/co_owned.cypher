// The co-owned patents the caller sees (coOwned, a seek on the patent_co_owned index),
// each with its owning institutions in filing order: the roll-ups count a patent for its
// first owner only, and hub/resolvers/co_owned.py adds what these patents give the other
// owners, provinces and ministries (docs/graph-model.md, "Co-owned patents"). Per owner:
// whether the caller answers for it (the roll-up oversight rule on its keys) and which
// visibility classes of a patent of that owner the caller sees (rollup_classes.cypher).
MATCH (p:Patent)
WHERE p.coOwned = true AND __PATENT_SCOPE__
WITH p, coalesce(p.legalStatus, 'VALID') = 'VALID' AS valid,
     CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
CALL (p) {
  UNWIND range(0, size(p.institutionIds) - 1) AS n
  MATCH (i:Institution {id: p.institutionIds[n]})
  OPTIONAL MATCH (pv:Province {code: i.provinceCode})
  OPTIONAL MATCH (m:Ministry {code: i.ministryCode})
  WITH n, i, pv, m,
       {institutionId: i.id, provinceCode: i.provinceCode, ministryCode: i.ministryCode} AS r
  ORDER BY n
  RETURN collect({id: i.id, name: i.name, provinceCode: i.provinceCode,
                  provinceName: pv.name, ministryCode: i.ministryCode, ministryName: m.name,
                  pilot: coalesce(i.pilot, false),
                  demonstration: coalesce(i.demonstration, false),
                  oversee: __ROLLUP_OVERSIGHT__, classes: __ROLLUP_CLASSES__}) AS owners
}
CALL (p) {
  WITH p WHERE p.inventoryState = 'SCREENED_IN'
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
  WHERE s.scheme IN ['GBT4754', 'SEI2018']
  RETURN collect(DISTINCT s.scheme + '|' + s.code) AS sections
}
WITH p, valid, c, owners, [x IN sections WHERE x STARTS WITH 'GBT4754|'] AS gbt,
     [x IN sections WHERE x STARTS WITH 'SEI2018|'] AS sei
WHERE size(owners) > 1
RETURN p.appNo AS appNo, owners, c AS class,
       valid AS patents,
       valid AND p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT'] AS inventoried,
       valid AND p.inventoryState = 'SCREENED_IN' AS screenedIn,
       valid AND p.implemented = true AS implemented,
       valid AND ('SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                  OR EXISTS { (p)<-[:USES]-(:ProductFiling) }) AS industrialised,
       p.transferable = true AS transferable,
       p.transferable = true
         AND EXISTS { (:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p) }
         AS transferableEvaluated,
       p.dormant = true AS dormant, p.grantDate AS grantDate,
       CASE WHEN p.inventoryState = 'SCREENED_IN'
            THEN ['total|', 'maturity|' + coalesce(toString(p.maturity), ''),
                  'rating|' + coalesce(toString(p.rating), '')]
                 + CASE WHEN size(gbt) = 0 THEN ['GBT4754|'] ELSE gbt END
                 + CASE WHEN size(sei) = 0 THEN ['SEI2018|'] ELSE sei END
            ELSE [] END AS libraryKeys
