// Inventory progress per institution: the base library (valid patents) of every
// institution the caller answers for, and how much of it is inventoried / screened in,
// summed from the institutions' roll-ups (graph/rollups.py) in the caller's oversight.
// One record: each institution as a list, its columns in the order of PROGRESS_COLUMNS
// (hub/resolvers/statistics.py), since the driver's cost per record and the server's per
// map exceed that of the values; the provinces' and ministries' names once each, not
// looked up per institution.
// An institution's shares as a later owner of co-owned patents (rollups/patent_parts.cypher)
// come as one more list, for the few roll-ups that hold any: hub/resolvers/co_owned.py
// adds them to its row and to the groups and totals it counts in.
MATCH (r:InstitutionRollup)
WHERE (r.patents > 0 OR size(r.shareKeys) > 0) AND __ROLLUP_OVERSIGHT__
MATCH (i:Institution {id: r.institutionId})
WITH collect([i.id, i.name, i.provinceCode, i.ministryCode, coalesce(i.pilot, false),
              coalesce(i.demonstration, false), r.patents, r.inventoried, r.screenedIn])
     AS rows,
     collect(CASE WHEN size(r.shareKeys) > 0
                  THEN [r.institutionId, r.provinceCode, r.ministryCode, r.shareKeys,
                        r.shareCounts] END) AS shares
CALL () { MATCH (pv:Province) RETURN collect([pv.code, pv.name]) AS provinces }
CALL () { MATCH (m:Ministry) RETURN collect([m.code, m.name]) AS ministries }
RETURN rows, shares, provinces, ministries
