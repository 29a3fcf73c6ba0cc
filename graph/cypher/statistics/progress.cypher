// Inventory progress grouped by $by (INSTITUTION, PROVINCE, MINISTRY), summed and held to
// its targets in the database from the roll-ups (graph/rollups.py) the caller answers for:
// one record, the groups and the total as lists in the order of PROGRESS_SUMS
// (hub/resolvers/statistics.py), so that 3,000 institutions never leave it one by one.
// An institution's row: its roll-up's base library and the shares it holds as a later owner
// of co-owned patents (mark I, rollups/patent_parts.cypher), i.e. each co-owned patent in
// full for every owner; its target (required, missing) from $targets, the inventory share
// and deadline (ISO text) of its cohort by asOf ('TT' … 'FF': pilot, demonstration). A
// later owner's shares of the caller's credit mark for $by less those of I count each
// co-owned patent once in its group, those of its total mark less I once in the total.
MATCH (r:InstitutionRollup)
WHERE __ROLLUP_OVERSIGHT__
// shares: mark I at 0, the credit and total marks' counters at $markAt and $totalAt (null:
// none), patents, inventoried, screened in first (graph/rollup_delta.py, SHARE_SLOTS);
// every share is one of mark I. Read once, tested once.
WITH r, r.shares AS sh
WITH r, sh, any(n IN sh[0..7] WHERE n > 0) AS sharing
WHERE r.patents > 0 OR sharing
MATCH (r)-[:OF_INSTITUTION]->(i:Institution)
WITH r, i, sharing,
     [k IN [0, 1, 2] |
      [coalesce(sh[k], 0), coalesce(sh[$markAt + k], 0), coalesce(sh[$totalAt + k], 0)]] AS f
WITH r, i, sharing, f,
     r.patents + f[0][0] AS patents, r.inventoried + f[1][0] AS inventoried,
     r.screenedIn + f[2][0] AS screenedIn,
     $targets[CASE WHEN coalesce(i.pilot, false) THEN 'T' ELSE 'F' END
              + CASE WHEN coalesce(i.demonstration, false) THEN 'T' ELSE 'F' END] AS target
// graph/milestones.required: the share rounded up, a float within 1e-9 of a whole counted whole.
WITH *, patents * target.share AS whole
WITH *, CASE WHEN toInteger(whole) >= whole - 0.000000001 THEN toInteger(whole)
             ELSE toInteger(whole) + 1 END AS need
WITH *, CASE WHEN need > inventoried THEN need - inventoried ELSE 0 END AS short
WITH *, CASE $by WHEN 'INSTITUTION' THEN i.id
                 WHEN 'PROVINCE' THEN coalesce(i.provinceCode, 'UNKNOWN')
                 ELSE coalesce(i.ministryCode, 'LOCAL') END AS rowKey,
        CASE $by WHEN 'PROVINCE' THEN coalesce(r.provinceCode, 'UNKNOWN')
                 ELSE coalesce(r.ministryCode, 'LOCAL') END AS shareKey
// What each roll-up adds: [group key (null: the total), institutions, patents, inventoried,
// screened in, required, missing, institutions behind, deadline, institution name].
WITH CASE WHEN patents > 0
          THEN [[rowKey, 1, patents, inventoried, screenedIn, need, short,
                 CASE WHEN short > 0 THEN 1 ELSE 0 END, target.deadline,
                 CASE WHEN $by = 'INSTITUTION' THEN i.name END],
                [null, 1, patents, inventoried, screenedIn, need, short,
                 CASE WHEN short > 0 THEN 1 ELSE 0 END, target.deadline, null]]
          ELSE [] END
     + CASE WHEN sharing AND $by <> 'INSTITUTION'
            THEN [[shareKey, 0, f[0][1] - f[0][0], f[1][1] - f[1][0], f[2][1] - f[2][0],
                   0, 0, 0, null, null]]
            ELSE [] END
     + CASE WHEN sharing
            THEN [[null, 0, f[0][2] - f[0][0], f[1][2] - f[1][0], f[2][2] - f[2][0],
                   0, 0, 0, null, null]]
            ELSE [] END AS adds
UNWIND adds AS a
WITH a[0] AS key, sum(a[1]) AS institutions, sum(a[2]) AS patents, sum(a[3]) AS inventoried,
     sum(a[4]) AS screenedIn, sum(a[5]) AS required, sum(a[6]) AS missing,
     sum(a[7]) AS behind, max(a[8]) AS deadline, max(a[9]) AS institutionName
OPTIONAL MATCH (pv:Province {code: CASE WHEN $by = 'PROVINCE' THEN key END})
OPTIONAL MATCH (m:Ministry {code: CASE WHEN $by = 'MINISTRY' THEN key END})
WITH key, [key, CASE $by WHEN 'INSTITUTION' THEN institutionName
                         WHEN 'PROVINCE' THEN pv.name
                         ELSE CASE WHEN key = 'LOCAL' THEN '地方所属' ELSE m.name END END,
           institutions, patents, inventoried, screenedIn, required, missing, behind,
           deadline] AS sums
RETURN collect(CASE WHEN key IS NOT NULL THEN sums END) AS groups,
       head(collect(CASE WHEN key IS NULL THEN sums END)) AS total
