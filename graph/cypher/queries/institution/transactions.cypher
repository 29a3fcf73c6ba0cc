// Deals each institution sells in that the caller may see, newest first.
UNWIND $keys AS key
MATCH (t:Transaction)-[:SELLER]->(:Institution {id: key})
WHERE {{scope.transaction}}
RETURN key, {{include.transaction/row}} AS row
ORDER BY key, t.date DESC, t.id
