// Inventory progress per institution: the base library (valid patents) of every
// institution the caller answers for, and how much of it is inventoried / screened in.
MATCH (p:Patent)
WHERE p.institutionId IS NOT NULL AND coalesce(p.legalStatus, 'VALID') = 'VALID'
  AND __PATENT_SCOPE__ AND __OVERSIGHT__
WITH p.institutionId AS institutionId,
     count(p) AS patents,
     count(CASE WHEN p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT'] THEN 1 END) AS inventoried,
     count(CASE WHEN p.inventoryState = 'SCREENED_IN' THEN 1 END) AS screenedIn
MATCH (i:Institution {id: institutionId})
OPTIONAL MATCH (pv:Province {code: i.provinceCode})
OPTIONAL MATCH (m:Ministry {code: i.ministryCode})
RETURN i.id AS id, i.name AS name, i.provinceCode AS provinceCode, pv.name AS provinceName,
       i.ministryCode AS ministryCode, m.name AS ministryName,
       coalesce(i.pilot, false) AS pilot, coalesce(i.demonstration, false) AS demonstration,
       patents, inventoried, screenedIn
ORDER BY id
