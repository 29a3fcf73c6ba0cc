// Industry classes of each patent (the patent itself was read under scope).
UNWIND $keys AS key
MATCH (:Patent {appNo: key})-[r:IN_INDUSTRY]->(n:Industry)
RETURN key, {{include.industry/row}} AS row
ORDER BY key, n.scheme, n.level, n.code
