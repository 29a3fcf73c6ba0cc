// The institution–industry network around one institution, depth 2: the level-1
// industries of its patents, then every institution with patents in those industries,
// each edge weighted by its patents.
MATCH (:Patent {institutionId: $id})-[:IN_INDUSTRY]->(s:Industry {scheme: $scheme, level: 1})
WITH collect(DISTINCT s) AS industries
UNWIND industries AS s
MATCH (p:Patent)-[:IN_INDUSTRY]->(s)
WHERE p.institutionId IS NOT NULL
WITH p.institutionId AS institution, s, count(DISTINCT p) AS weight
ORDER BY weight DESC, institution, s.id LIMIT $limit
RETURN institution, s.id AS industry, s.name AS industryName, weight
