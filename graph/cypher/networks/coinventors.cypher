// Co-inventor edges from the given inventors, over in-scope patents only.
UNWIND $ids AS id
MATCH (a:Inventor {id: id})-[:INVENTED]->(p:Patent)<-[:INVENTED]-(b:Inventor)
WHERE __PATENT_SCOPE__
WITH a, b, count(DISTINCT p) AS weight
RETURN a.id AS source, a.name AS sourceLabel, b.id AS target, b.name AS targetLabel, weight
ORDER BY weight DESC, source, target
LIMIT $limit
