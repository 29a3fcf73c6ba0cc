// Level-1 industry → institution edges, weighted by in-scope patents classified in the
// industry or below it, starting from the given level-1 industries.
UNWIND $ids AS id
MATCH (s:Industry {id: id})
MATCH (p:Patent)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s)
WHERE p.institutionId IS NOT NULL AND __PATENT_SCOPE__
WITH p.institutionId AS iid, s, count(DISTINCT p) AS weight
MATCH (i:Institution {id: iid})
RETURN i.id AS source, i.name AS sourceLabel, s.id AS target, s.name AS targetLabel, weight
ORDER BY weight DESC, source, target
LIMIT $limit
