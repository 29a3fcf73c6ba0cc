// Industry classes by id (public reference data).
UNWIND $keys AS key
MATCH (n:Industry {id: key})
RETURN key, {{include.industry/row}} AS row
