// The work plan's milestones about institutions, counted in the database over the
// institutions the caller answers for (their rows as statistics/progress.cypher counts
// them: the roll-up's base library with the shares of mark I). $milestones: per milestone
// its key, the cohorts it concerns ('TT' … 'FF': pilot, demonstration) and its inventory
// share (RESULTS_SHOWN: null, met by a screened-in patent). One record: per milestone
// [key, concerned, met, missing]; the provinces of those institutions (the expert library
// is built when each has an expert); the transferable and enterprise-evaluated patents the
// roll-ups of first owners miss for the caller's total (the shares at $totalAt: those of
// the caller's total mark, hub/resolvers/co_owned.py; null: none).
MATCH (r:InstitutionRollup)
WHERE __ROLLUP_OVERSIGHT__
// shares (graph/rollup_delta.py, SHARE_SLOTS): mark I's patents, inventoried, screened in
// at 0–2; the total mark's transferable and evaluated at $totalAt + 5, + 6
WITH r, r.shares AS sh
WHERE r.patents > 0 OR any(n IN sh[0..7] WHERE n > 0)
MATCH (r)-[:OF_INSTITUTION]->(i:Institution)
WITH i, sh, [r.patents, r.inventoried, r.screenedIn] AS own
WITH i, own,
     [k IN [0, 1, 2] | coalesce(sh[k], 0)]
     + [coalesce(sh[$totalAt + 5], 0), coalesce(sh[$totalAt + 6], 0)] AS f
WITH collect(CASE WHEN own[0] + f[0] > 0
                  THEN [CASE WHEN coalesce(i.pilot, false) THEN 'T' ELSE 'F' END
                        + CASE WHEN coalesce(i.demonstration, false) THEN 'T' ELSE 'F' END,
                        own[0] + f[0], own[1] + f[1], own[2] + f[2]] END) AS rows,
     collect(DISTINCT CASE WHEN own[0] + f[0] > 0 THEN i.provinceCode END) AS provinces,
     sum(f[3]) AS transferable, sum(f[4]) AS evaluated
UNWIND $milestones AS m
WITH rows, provinces, transferable, evaluated, m,
     [x IN rows WHERE x[0] IN m.cohorts] AS concerned
// Per institution what it still has to inventory (graph/milestones.required: the share rounded
// up, a float within 1e-9 of a whole counted whole; the reduce over one value binds it), or
// for RESULTS_SHOWN 0 when a patent is screened in, else 1.
WITH rows, provinces, transferable, evaluated, m, concerned,
     [x IN concerned |
      CASE WHEN m.share IS NULL THEN CASE WHEN x[3] > 0 THEN 0 ELSE 1 END
           ELSE reduce(short = 0, whole IN [x[1] * m.share] |
                       CASE WHEN toInteger(whole) >= whole - 0.000000001
                            THEN toInteger(whole) ELSE toInteger(whole) + 1 END - x[2])
      END] AS shorts
RETURN collect([m.key, size(concerned), size([s IN shorts WHERE s <= 0]),
                CASE WHEN m.share IS NULL THEN 0
                     ELSE reduce(t = 0, s IN shorts | t + CASE WHEN s > 0 THEN s ELSE 0 END)
                END]) AS milestones,
       provinces, transferable, evaluated
