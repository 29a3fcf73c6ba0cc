// Institution → level-1 industry edges (one scheme), weighted by in-scope patents,
// starting from the given institutions.
UNWIND $ids AS id
MATCH (p:Patent {institutionId: id})
WHERE __PATENT_SCOPE__
MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {scheme: $scheme, level: 1})
WITH id, s, count(DISTINCT p) AS weight
MATCH (i:Institution {id: id})
RETURN i.id AS source, i.name AS sourceLabel, s.id AS target, s.name AS targetLabel, weight
ORDER BY weight DESC, source, target
LIMIT $limit
