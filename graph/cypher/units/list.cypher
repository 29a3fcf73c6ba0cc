// Units with their institution and how many patents each holds, by institution and name.
MATCH (u:Unit)-[:PART_OF]->(i:Institution)
WHERE $institution IS NULL OR i.id = $institution
RETURN u.id AS id, u.name AS name, u.aliases AS aliases, i.id AS institutionId,
       i.name AS institution, u.source AS source,
       COUNT { MATCH (p:Patent {institutionId: i.id}) WHERE u.id IN coalesce(p.unitIds, []) }
       + COUNT { MATCH (p:Patent) WHERE p.coOwned = true AND i.id IN p.institutionIds
                 AND p.institutionId <> i.id AND u.id IN coalesce(p.unitIds, []) } AS patents
ORDER BY institutionId, name
