// Inventors of the centre institution's in-scope patents, busiest first.
MATCH (p:Patent {institutionId: $id})<-[:INVENTED]-(a:Inventor)
WHERE __PATENT_SCOPE__
RETURN a.id AS id, count(DISTINCT p) AS patents
ORDER BY patents DESC, id
LIMIT $limit
