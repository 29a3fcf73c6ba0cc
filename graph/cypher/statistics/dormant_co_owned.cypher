// What the co-owned dormant candidates granted before $cutoff that the caller sees add to
// statistics/dormant_counts.cypher, which counts each once, in its first owner's province:
// a co-owned patent counts in every province of its owners. One row per province key with
// what it misses, and the key '' with the patents the counts miss altogether: those a role
// sees only through a later owner (its classes of the first owner's patents,
// rollup_classes.cypher, lack the patent's class) and that the days of $cutoff's month do
// not count from the patent itself. $ownerDependent: whether the caller's classes depend on
// the owner at all (hub/resolvers/co_owned.py); those of the other roles, and what they see
// through their own relationships, are counted by their first owner's province already.
MATCH (p:Patent)
USING INDEX p:Patent(coOwned, dormant, grantDate)
WHERE p.coOwned = true AND p.dormant = true AND p.grantDate < $cutoff AND __PATENT_SCOPE__
WITH p, p AS r,
     CASE WHEN p.openLicence = true THEN 'O' WHEN p.transferable = true THEN 'C' ELSE 'P' END AS c
WITH p, c IN __ROLLUP_CLASSES__ AS viaFirst
// p.provinceCodes: every owner's province once, the first owner's (p.provinceCode) among
// them (graph/ingest/patents.py; every institution of the reference data has a province).
WITH p, viaFirst OR NOT $ownerDependent
        OR p.grantDate >= date({year: $cutoff.year, month: $cutoff.month, day: 1}) AS counted
UNWIND [k IN p.provinceCodes WHERE NOT (counted AND k = p.provinceCode)]
       + CASE WHEN counted THEN [] ELSE [''] END AS key
WITH key, count(*) AS patents
OPTIONAL MATCH (pv:Province {code: key})
RETURN key, pv.name AS name, patents
