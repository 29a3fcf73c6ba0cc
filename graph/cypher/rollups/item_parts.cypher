// What each deal or product filing of $items (element ids) adds to the roll-ups of the
// institutions owning its patents, per quarter, summed per institution and part: the
// conversion figures of rollups/refresh.cypher, item by item.
//   q|<quarter>|items          items of the quarter (a quarter is listed while it has one)
//   q|<quarter>|units          deal amounts in 0.0001 万元 (summed per deal–patent pair)
//   q|<quarter>|<metric><G>    metric transfers/licences/products, G in P, M, X, I
UNWIND $items AS eid
MATCH (x) WHERE elementId(x) = eid AND x.quarter IS NOT NULL
CALL (x) {
  MATCH (x)-[:OF_PATENT|USES]->(q:Patent)
  RETURN collect(DISTINCT [q.institutionId, q.provinceCode, coalesce(q.ministryCode, 'LOCAL')])
         AS owners
}
CALL (x) {
  WITH x WHERE x:Transaction
  MATCH (x)-[:OF_PATENT]->(p:Patent)
  WHERE p.institutionId IS NOT NULL
  WITH x, p.institutionId AS id, p.provinceCode AS pr, coalesce(p.ministryCode, 'LOCAL') AS mi,
       count(p) AS rows
  RETURN id, pr, mi,
         CASE WHEN x.registered = true AND x.kind = 'TRANSFER' THEN 'transfers'
              WHEN x.registered = true AND x.kind IN $licenceKinds THEN 'licences' END AS metric,
         toInteger(round(rows * CASE WHEN abs(x.amount) < 1.0e12 THEN x.amount ELSE 0.0 END
                         * 10000.0)) AS units
  UNION ALL
  WITH x WHERE x:ProductFiling
  MATCH (x)-[:USES]->(p:Patent)
  WHERE p.institutionId IS NOT NULL
  WITH DISTINCT p.institutionId AS id, p.provinceCode AS pr,
       coalesce(p.ministryCode, 'LOCAL') AS mi
  RETURN id, pr, mi, 'products' AS metric, 0 AS units
}
WITH x, id, metric, units,
     all(o IN owners WHERE o[1] <> pr OR o[0] >= id) AS fp,
     all(o IN owners WHERE o[2] <> mi OR o[0] >= id) AS fm,
     all(o IN owners WHERE o[1] <> pr OR o[2] <> mi OR o[0] >= id) AS fx
WITH x, id, metric, sum(units) AS units, any(b IN collect(fp) WHERE b) AS fp,
     any(b IN collect(fm) WHERE b) AS fm, any(b IN collect(fx) WHERE b) AS fx
WITH id, units, 'q|' + x.quarter + '|' AS q,
     CASE WHEN metric IS NULL THEN []
          ELSE [metric + 'I'] + CASE WHEN fp THEN [metric + 'P'] ELSE [] END
               + CASE WHEN fm THEN [metric + 'M'] ELSE [] END
               + CASE WHEN fx THEN [metric + 'X'] ELSE [] END END AS metrics
UNWIND [['items', 1], ['units', units]] + [m IN metrics | [m, 1]] AS part
RETURN id, q + part[0] AS k, sum(part[1]) AS n
