// Roll-ups written before each pointed at its institution get their OF_INSTITUTION link
// (rollups/refresh.cypher and rollups/save.cypher make it); how many were linked.
MATCH (r:InstitutionRollup)
WHERE NOT EXISTS { (r)-[:OF_INSTITUTION]->(:Institution) }
MATCH (i:Institution {id: r.institutionId})
MERGE (r)-[:OF_INSTITUTION]->(i)
RETURN count(*) AS linked
