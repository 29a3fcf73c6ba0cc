// Inventory progress per institution: the base library (valid patents) of every
// institution the caller answers for, and how much of it is inventoried / screened in,
// summed from the institutions' roll-ups (graph/rollups.py) in the caller's oversight.
MATCH (r:InstitutionRollup)
WHERE r.patents > 0 AND __ROLLUP_OVERSIGHT__
MATCH (i:Institution {id: r.institutionId})
OPTIONAL MATCH (pv:Province {code: i.provinceCode})
OPTIONAL MATCH (m:Ministry {code: i.ministryCode})
// All of it in one record: the driver's cost per record exceeds that of its values.
RETURN collect({id: i.id, name: i.name, provinceCode: i.provinceCode, provinceName: pv.name,
                ministryCode: i.ministryCode, ministryName: m.name,
                pilot: coalesce(i.pilot, false),
                demonstration: coalesce(i.demonstration, false),
                patents: r.patents, inventoried: r.inventoried, screenedIn: r.screenedIn})
  AS rows
