// Inventors of the centre institution's in-scope patents, busiest first (grouped by the
// inventor node: its id is read once per inventor, not once per patent it invented).
MATCH (p:Patent {institutionId: $id})<-[:INVENTED]-(a:Inventor)
WHERE __PATENT_SCOPE__
WITH a, count(DISTINCT p) AS patents
ORDER BY patents DESC, a.id
LIMIT $limit
RETURN a.id AS id, patents
