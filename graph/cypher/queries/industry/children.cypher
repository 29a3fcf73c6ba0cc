// The classes directly below each industry class, in code order.
UNWIND $keys AS key
MATCH (n:Industry)-[:PART_OF]->(:Industry {id: key})
RETURN key, {{include.industry/row}} AS row
ORDER BY n.code
