// Inventory progress by province: per institution the patents, inventoried and
// screened-in counts and the patents its deadline requires (share by cohort, rounded
// up), summed per province.
MATCH (p:Patent)
WHERE p.institutionId IS NOT NULL AND p.legalStatus = 'VALID'
WITH p.institutionId AS id, count(p) AS patents,
     sum(CASE WHEN p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT'] THEN 1 ELSE 0 END)
       AS inventoried,
     sum(CASE WHEN p.inventoryState = 'SCREENED_IN' THEN 1 ELSE 0 END) AS screenedIn
MATCH (i:Institution {id: id})
WITH i, patents, inventoried, screenedIn,
     CASE WHEN i.demonstration THEN $shares.demonstration
          WHEN i.pilot THEN $shares.pilot ELSE $shares.other END AS share
WITH i, patents, inventoried, screenedIn, toInteger(ceil(patents * share - 1e-9)) AS required
WITH i.provinceCode AS code, count(i) AS institutions, sum(patents) AS patents,
     sum(inventoried) AS inventoried, sum(screenedIn) AS screenedIn, sum(required) AS required,
     sum(CASE WHEN required > inventoried THEN required - inventoried ELSE 0 END) AS missing,
     sum(CASE WHEN required > inventoried THEN 1 ELSE 0 END) AS behind
OPTIONAL MATCH (pv:Province {code: code})
RETURN code, pv.name AS name, institutions, patents, inventoried, screenedIn, required,
       missing, behind
ORDER BY code
