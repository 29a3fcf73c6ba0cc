// Patents each product filing uses that the caller may see.
UNWIND $keys AS key
MATCH (:ProductFiling {id: key})-[:USES]->(p:Patent)
WHERE {{scope.patent}}
RETURN key, {{include.patent/row}} AS row
ORDER BY key, p.appNo
