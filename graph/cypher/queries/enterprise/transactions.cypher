// Deals each enterprise buys in that the caller may see, newest first.
UNWIND $keys AS key
MATCH (t:Transaction)-[:BUYER]->(:Enterprise {creditCode: key})
WHERE {{scope.transaction}}
RETURN key, {{include.transaction/row}} AS row
ORDER BY key, t.date DESC, t.id
