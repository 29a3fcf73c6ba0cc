// A page of application numbers, for the feed refresh (keyset on appNo).
MATCH (p:Patent)
WHERE $after IS NULL OR p.appNo > $after
RETURN p.appNo AS appNo
ORDER BY appNo
LIMIT $limit
