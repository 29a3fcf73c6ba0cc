// Deals on each patent the caller may see, newest first.
UNWIND $keys AS key
MATCH (t:Transaction)-[:OF_PATENT]->(:Patent {appNo: key})
WHERE {{scope.transaction}}
RETURN key, {{include.transaction/row}} AS row
ORDER BY key, t.date DESC, t.id
