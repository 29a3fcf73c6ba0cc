// Recompute the roll-up of each institution in $ids from its patents (docs/graph-model.md,
// "Roll-ups"), after rollups/dormant_flags in the same transaction. Every figure is a
// full recount over the institution's patents: `db rollups` and the drift check
// (`db rollups --check`) run it; the writes add deltas (patent_parts, item_parts).
//
// Visibility class of a patent, for roles that see only part of another institution's
// patents: 'O' open licence, 'C' in the transferable catalogue (not open), 'P' neither.
UNWIND $ids AS id
CALL (id) {
  MATCH (p:Patent {institutionId: id})
  WITH p, coalesce(p.legalStatus, 'VALID') = 'VALID' AS valid
  RETURN count(p) AS owned,
         count(CASE WHEN valid THEN 1 END) AS patents,
         count(CASE WHEN valid AND p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT'] THEN 1 END)
           AS inventoried,
         count(CASE WHEN valid AND p.inventoryState = 'SCREENED_IN' THEN 1 END) AS screenedIn,
         count(CASE WHEN valid AND p.implemented = true THEN 1 END) AS implemented,
         count(CASE WHEN valid AND ('SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                                    OR EXISTS { (p)<-[:USES]-(:ProductFiling) }) THEN 1 END)
           AS industrialised,
         count(CASE WHEN p.transferable = true THEN 1 END) AS transferable,
         count(CASE WHEN p.transferable = true
                     AND EXISTS { (:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p) }
                    THEN 1 END) AS transferableEvaluated,
         count(CASE WHEN p.stateFunded = true THEN 1 END) AS stateFunded,
         count(CASE WHEN p.openLicence = true THEN 1 END) AS openLicence,
         count(CASE WHEN p.dormant = true THEN 1 END) AS dormant,
         head(collect(p.provinceCode)) AS patentProvince,
         head(collect(coalesce(p.ministryCode, ''))) AS patentMinistry
}
CALL (id) {
  MATCH (p:Patent {institutionId: id})
  WITH coalesce(p.type, '') AS k, count(*) AS n
  ORDER BY k
  RETURN collect(k) AS typeKeys, collect(n) AS typeCounts
}
// The resource library (screened-in patents) by GB/T 4754 section, SEI field, maturity,
// rating; '' is "not classified". One row per "dimension|key", counts per class.
CALL (id) {
  MATCH (p:Patent {institutionId: id})
  WHERE p.inventoryState = 'SCREENED_IN'
  CALL (p) {
    OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
    WHERE s.scheme IN ['GBT4754', 'SEI2018']
    RETURN collect(DISTINCT s.scheme + '|' + s.code) AS sections
  }
  WITH p, CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c,
       [x IN sections WHERE x STARTS WITH 'GBT4754|'] AS gbt,
       [x IN sections WHERE x STARTS WITH 'SEI2018|'] AS sei
  UNWIND ['total|', 'maturity|' + coalesce(toString(p.maturity), ''),
          'rating|' + coalesce(toString(p.rating), '')]
         + CASE WHEN size(gbt) = 0 THEN ['GBT4754|'] ELSE gbt END
         + CASE WHEN size(sei) = 0 THEN ['SEI2018|'] ELSE sei END AS k
  WITH k, count(CASE c WHEN 'O' THEN 1 END) AS o, count(CASE c WHEN 'C' THEN 1 END) AS cc,
       count(CASE c WHEN 'P' THEN 1 END) AS pp
  ORDER BY k
  RETURN collect(k) AS libraryKeys, collect(o) AS libraryO, collect(cc) AS libraryC,
         collect(pp) AS libraryP
}
// Every patent by level-1 industry (any scheme; the industry or one up to three PART_OF
// steps above it) and class: the institution–industry network reads these in place of
// walking the patents (graph/cypher/networks/).
CALL (id) {
  MATCH (p:Patent {institutionId: id})-[:IN_INDUSTRY]->(:Industry)
        -[:PART_OF*0..3]->(s:Industry {level: 1})
  WITH DISTINCT p, s.id AS k
  WITH k, CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
  WITH k, count(CASE c WHEN 'O' THEN 1 END) AS o, count(CASE c WHEN 'C' THEN 1 END) AS cc,
       count(CASE c WHEN 'P' THEN 1 END) AS pp
  ORDER BY k
  RETURN collect(k) AS industryIds, collect(o) AS industryO, collect(cc) AS industryC,
         collect(pp) AS industryP
}
// Dormant candidates (flag set by rollups/dormant_flags) by grant year and class, and by
// grant month: twelve counts per year of dormantYears, in its order (dormantMonths<class>).
CALL (id) {
  MATCH (p:Patent {institutionId: id})
  WHERE p.dormant = true
  WITH p.grantDate.year AS y, p.grantDate.month AS m,
       CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
  WITH y, m, count(CASE c WHEN 'O' THEN 1 END) AS o, count(CASE c WHEN 'C' THEN 1 END) AS cc,
       count(CASE c WHEN 'P' THEN 1 END) AS pp
  WITH y, collect([m, o, cc, pp]) AS byMonth, sum(o) AS o, sum(cc) AS cc, sum(pp) AS pp
  WITH y, o, cc, pp,
       [n IN range(1, 12) | coalesce(head([x IN byMonth WHERE x[0] = n | x[1]]), 0)] AS mo,
       [n IN range(1, 12) | coalesce(head([x IN byMonth WHERE x[0] = n | x[2]]), 0)] AS mc,
       [n IN range(1, 12) | coalesce(head([x IN byMonth WHERE x[0] = n | x[3]]), 0)] AS mp
  ORDER BY y
  WITH collect(y) AS dormantYears, collect(o) AS dormantO, collect(cc) AS dormantC,
       collect(pp) AS dormantP, collect(mo) AS mo, collect(mc) AS mc, collect(mp) AS mp
  RETURN dormantYears, dormantO, dormantC, dormantP,
         reduce(a = [], x IN mo | a + x) AS dormantMonthsO,
         reduce(a = [], x IN mc | a + x) AS dormantMonthsC,
         reduce(a = [], x IN mp | a + x) AS dormantMonthsP
}
// Conversion by quarter. A deal or filing counts once per group, so each is credited to
// the first institution (lowest id) among its patents' owners of the same province (P),
// the same ministry (M), the same province and ministry (X); I = any of its own.
CALL (id) {
  CALL (id) {
    MATCH (p:Patent {institutionId: id})<-[:OF_PATENT]-(t:Transaction)
    WHERE t.quarter IS NOT NULL
    WITH t, p.provinceCode AS pr, coalesce(p.ministryCode, 'LOCAL') AS mi, count(p) AS rows
    CALL (t) {
      MATCH (t)-[:OF_PATENT]->(q:Patent)
      RETURN collect(DISTINCT [q.institutionId, q.provinceCode, coalesce(q.ministryCode, 'LOCAL')])
             AS owners
    }
    RETURN t.quarter AS quarter, t AS item, pr, mi, owners,
           CASE WHEN t.registered = true AND t.kind = 'TRANSFER' THEN 't'
                WHEN t.registered = true AND t.kind IN $licenceKinds THEN 'l' END AS metric,
           // a non-finite or absurd amount stored before imports refused them counts as none;
           // in 0.0001 万元 (1 yuan), so sums are exact and a delta adds up to a recount
           toInteger(round(rows * CASE WHEN abs(t.amount) < 1.0e12 THEN t.amount ELSE 0.0 END
                           * 10000.0)) AS amount
    UNION ALL
    MATCH (p:Patent {institutionId: id})<-[:USES]-(f:ProductFiling)
    WHERE f.quarter IS NOT NULL
    WITH DISTINCT f, p.provinceCode AS pr, coalesce(p.ministryCode, 'LOCAL') AS mi
    CALL (f) {
      MATCH (f)-[:USES]->(q:Patent)
      RETURN collect(DISTINCT [q.institutionId, q.provinceCode, coalesce(q.ministryCode, 'LOCAL')])
             AS owners
    }
    RETURN f.quarter AS quarter, f AS item, pr, mi, owners, 'f' AS metric, 0 AS amount
  }
  WITH quarter, item, metric, amount,
       all(o IN owners WHERE o[1] <> pr OR o[0] >= id) AS fp,
       all(o IN owners WHERE o[2] <> mi OR o[0] >= id) AS fm,
       all(o IN owners WHERE o[1] <> pr OR o[2] <> mi OR o[0] >= id) AS fx
  WITH quarter,
       count(DISTINCT CASE WHEN metric = 't' AND fp THEN item END) AS tP,
       count(DISTINCT CASE WHEN metric = 't' AND fm THEN item END) AS tM,
       count(DISTINCT CASE WHEN metric = 't' AND fx THEN item END) AS tX,
       count(DISTINCT CASE WHEN metric = 't' THEN item END) AS tI,
       count(DISTINCT CASE WHEN metric = 'l' AND fp THEN item END) AS lP,
       count(DISTINCT CASE WHEN metric = 'l' AND fm THEN item END) AS lM,
       count(DISTINCT CASE WHEN metric = 'l' AND fx THEN item END) AS lX,
       count(DISTINCT CASE WHEN metric = 'l' THEN item END) AS lI,
       count(DISTINCT CASE WHEN metric = 'f' AND fp THEN item END) AS fP,
       count(DISTINCT CASE WHEN metric = 'f' AND fm THEN item END) AS fM,
       count(DISTINCT CASE WHEN metric = 'f' AND fx THEN item END) AS fX,
       count(DISTINCT CASE WHEN metric = 'f' THEN item END) AS fI,
       count(DISTINCT item) AS items,
       sum(amount) AS amount
  ORDER BY quarter
  RETURN collect(quarter) AS quarters,
         collect(tP) AS transfersP, collect(tM) AS transfersM,
         collect(tX) AS transfersX, collect(tI) AS transfersI,
         collect(lP) AS licencesP, collect(lM) AS licencesM,
         collect(lX) AS licencesX, collect(lI) AS licencesI,
         collect(fP) AS productsP, collect(fM) AS productsM,
         collect(fX) AS productsX, collect(fI) AS productsI,
         collect(toFloat(amount) / 10000.0) AS amounts, collect(items) AS quarterItems
}
// Its shares as a later owner of co-owned patents, with the marks and parts of
// rollups/patent_parts.cypher (s|<mark>|<counter>, sl|<mark>|<class>|<key>,
// si|<mark>|<class>|<first owner>|<industry>).
CALL (id) {
  MATCH (p:Patent)-[:OWNED_BY]->(:Institution {id: id})
  WHERE p.coOwned = true AND p.institutionId <> id
  WITH p, [n IN range(0, size(p.institutionIds) - 1) WHERE p.institutionIds[n] = id][0] AS at
  WHERE at > 0
  CALL (p, at) {
    UNWIND range(0, at) AS n
    OPTIONAL MATCH (i:Institution {id: p.institutionIds[n]})
    WITH n, [coalesce(i.provinceCode, ''), coalesce(i.ministryCode, 'LOCAL')] AS o
    ORDER BY n
    WITH collect(o) AS os
    WITH os[at] AS me, os[0..at] AS earlier
    RETURN ['I']
           + CASE WHEN none(o IN earlier WHERE o[0] = me[0]) THEN ['P'] ELSE [] END
           + CASE WHEN none(o IN earlier WHERE o[1] = me[1]) THEN ['M'] ELSE [] END
           + CASE WHEN none(o IN earlier WHERE o[0] = me[0] AND o[1] = me[1])
                  THEN ['X'] ELSE [] END AS marks
  }
  WITH p, marks, coalesce(p.legalStatus, 'VALID') = 'VALID' AS valid,
       CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
  CALL (p, c) {
    WITH p WHERE c <> 'O'
    OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
    WITH DISTINCT p, s
    RETURN collect(s.id) AS industries,
           collect(CASE WHEN p.inventoryState = 'SCREENED_IN'
                             AND s.scheme IN ['GBT4754', 'SEI2018']
                        THEN s.scheme + '|' + s.code END) AS sections
  }
  WITH p, marks, c, [x IN industries | c + '|' + p.institutionId + '|' + x] AS industries,
       [x IN sections WHERE x STARTS WITH 'GBT4754|'] AS gbt,
       [x IN sections WHERE x STARTS WITH 'SEI2018|'] AS sei,
       CASE WHEN valid THEN ['patents'] ELSE [] END
       + CASE WHEN valid AND p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT']
              THEN ['inventoried'] ELSE [] END
       + CASE WHEN valid AND p.inventoryState = 'SCREENED_IN' THEN ['screenedIn'] ELSE [] END
       + CASE WHEN valid AND p.implemented = true THEN ['implemented'] ELSE [] END
       + CASE WHEN valid AND ('SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                              OR EXISTS { (p)<-[:USES]-(:ProductFiling) })
              THEN ['industrialised'] ELSE [] END
       + CASE WHEN p.transferable = true THEN ['transferable'] ELSE [] END
       + CASE WHEN p.transferable = true
                   AND EXISTS { (:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p) }
              THEN ['transferableEvaluated'] ELSE [] END AS counters
  WITH marks, counters, industries,
       CASE WHEN p.inventoryState = 'SCREENED_IN' AND c <> 'O'
            THEN [k IN ['total|', 'maturity|' + coalesce(toString(p.maturity), ''),
                        'rating|' + coalesce(toString(p.rating), '')]
                       + CASE WHEN size(gbt) = 0 THEN ['GBT4754|'] ELSE gbt END
                       + CASE WHEN size(sei) = 0 THEN ['SEI2018|'] ELSE sei END
                  | c + '|' + k]
            ELSE [] END AS library
  UNWIND marks AS m
  UNWIND [x IN counters | 's|' + m + '|' + x]
         + CASE WHEN m IN ['I', 'P', 'M']
                THEN [x IN library | 'sl|' + m + '|' + x] + [x IN industries | 'si|' + m + '|' + x]
                ELSE [] END AS k
  WITH k, count(*) AS n
  ORDER BY k
  WITH collect([k, n]) AS found
  // s| parts at the fixed positions of $shareSlots (graph/rollup_delta.py, SHARE_SLOTS)
  RETURN [k IN $shareSlots | coalesce(head([x IN found WHERE x[0] = k | x[1]]), 0)] AS shares,
         [x IN found WHERE x[0] STARTS WITH 'sl|' | substring(x[0], 3)] AS shareLibraryKeys,
         [x IN found WHERE x[0] STARTS WITH 'sl|' | x[1]] AS shareLibraryCounts,
         [x IN found WHERE x[0] STARTS WITH 'si|' | substring(x[0], 3)] AS shareIndustryKeys,
         [x IN found WHERE x[0] STARTS WITH 'si|' | x[1]] AS shareIndustryCounts
}
// An institution neither owning nor sharing patents has no roll-up (nothing to count, nothing
// to show). The scope keys are its patents' (as rollups/save.cypher takes them), else its own.
WITH *, owned = 0 AND none(n IN shares WHERE n > 0) AND size(shareLibraryKeys) = 0
        AND size(shareIndustryKeys) = 0 AS unused
OPTIONAL MATCH (old:InstitutionRollup {institutionId: id})
FOREACH (gone IN CASE WHEN unused AND old IS NOT NULL THEN [old] ELSE [] END |
  DETACH DELETE gone)
WITH * WHERE NOT unused
OPTIONAL MATCH (inst:Institution {id: id})
MERGE (r:InstitutionRollup {institutionId: id})
SET r.provinceCode = CASE WHEN owned > 0 THEN patentProvince ELSE inst.provinceCode END,
    r.ministryCode = CASE WHEN owned = 0 THEN inst.ministryCode
                          WHEN patentMinistry <> '' THEN patentMinistry END,
    r.shares = shares,
    r.shareLibraryKeys = shareLibraryKeys, r.shareLibraryCounts = shareLibraryCounts,
    r.shareIndustryKeys = shareIndustryKeys, r.shareIndustryCounts = shareIndustryCounts,
    r.owned = owned, r.patents = patents, r.inventoried = inventoried, r.screenedIn = screenedIn,
    r.implemented = implemented, r.industrialised = industrialised,
    r.transferable = transferable, r.transferableEvaluated = transferableEvaluated,
    r.stateFunded = stateFunded, r.openLicence = openLicence, r.dormant = dormant,
    r.typeKeys = typeKeys, r.typeCounts = typeCounts,
    r.libraryKeys = libraryKeys, r.libraryO = libraryO, r.libraryC = libraryC,
    r.libraryP = libraryP,
    r.industryIds = industryIds, r.industryO = industryO, r.industryC = industryC,
    r.industryP = industryP,
    r.dormantYears = dormantYears, r.dormantO = dormantO, r.dormantC = dormantC,
    r.dormantP = dormantP, r.dormantMonthsO = dormantMonthsO,
    r.dormantMonthsC = dormantMonthsC, r.dormantMonthsP = dormantMonthsP,
    r.quarters = quarters, r.amounts = amounts, r.quarterItems = quarterItems,
    r.transfersP = transfersP, r.transfersM = transfersM, r.transfersX = transfersX,
    r.transfersI = transfersI,
    r.licencesP = licencesP, r.licencesM = licencesM, r.licencesX = licencesX,
    r.licencesI = licencesI,
    r.productsP = productsP, r.productsM = productsM, r.productsX = productsX,
    r.productsI = productsI
REMOVE r.shareKeys, r.shareCounts  // the shares' keyed lists of an older shape
// The roll-up points at its institution: the statistics reach it by an expand, not a seek.
FOREACH (x IN CASE WHEN inst IS NULL THEN [] ELSE [inst] END | MERGE (r)-[:OF_INSTITUTION]->(x))
