// Inventory progress per institution: the base library (valid patents) of every
// institution the caller answers for, and how much of it is inventoried / screened in,
// summed from the institutions' roll-ups (graph/rollups.py) in the caller's oversight.
MATCH (r:InstitutionRollup)
WHERE r.patents > 0 AND __ROLLUP_OVERSIGHT__
MATCH (i:Institution {id: r.institutionId})
OPTIONAL MATCH (pv:Province {code: i.provinceCode})
OPTIONAL MATCH (m:Ministry {code: i.ministryCode})
RETURN i.id AS id, i.name AS name, i.provinceCode AS provinceCode, pv.name AS provinceName,
       i.ministryCode AS ministryCode, m.name AS ministryName,
       coalesce(i.pilot, false) AS pilot, coalesce(i.demonstration, false) AS demonstration,
       r.patents AS patents, r.inventoried AS inventoried, r.screenedIn AS screenedIn
ORDER BY id
