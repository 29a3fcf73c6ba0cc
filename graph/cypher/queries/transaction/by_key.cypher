// Transactions by id, as the caller may see them.
UNWIND $keys AS key
MATCH (t:Transaction {id: key})
WHERE {{scope.transaction}}
RETURN key, {{include.transaction/row}} AS row
