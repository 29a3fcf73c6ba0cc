// Institutions by id, as the caller may see them.
UNWIND $keys AS key
MATCH (i:Institution {id: key})
WHERE {{scope.institution}}
RETURN key, {{include.institution/row}} AS row
