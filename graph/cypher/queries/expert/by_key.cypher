// Experts by id, as the caller may see them.
UNWIND $keys AS key
MATCH (x:Expert {id: key})
WHERE {{scope.expert}}
RETURN key, {{include.expert/row}} AS row
