// Enterprises by credit code, as the caller may see them.
UNWIND $keys AS key
MATCH (e:Enterprise {creditCode: key})
WHERE {{scope.enterprise}}
RETURN key, {{include.enterprise/row}} AS row
