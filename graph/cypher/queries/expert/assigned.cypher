// Patents assigned to each expert that the caller may see.
UNWIND $keys AS key
MATCH (:Expert {id: key})-[:ASSIGNED]->(p:Patent)
WHERE {{scope.patent}}
RETURN key, {{include.patent/row}} AS row
ORDER BY key, p.appNo
