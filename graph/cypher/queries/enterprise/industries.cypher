// Industries each enterprise is registered under (public reference data).
UNWIND $keys AS key
MATCH (:Enterprise {creditCode: key})-[:IN_INDUSTRY]->(n:Industry)
RETURN key, {{include.industry/row}} AS row
ORDER BY key, n.scheme, n.code
