// Each inventor's patents the caller may see, newest grant first.
UNWIND $keys AS key
MATCH (:Inventor {id: key})-[:INVENTED]->(p:Patent)
WHERE {{scope.patent}}
RETURN key, {{include.patent/row}} AS row
ORDER BY key, coalesce(toString(p.grantDate), '') DESC, p.appNo
