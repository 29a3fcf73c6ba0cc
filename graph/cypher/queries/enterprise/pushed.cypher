// Patents pushed to each enterprise that the caller may see, best match first.
UNWIND $keys AS key
MATCH (p:Patent)-[r:PUSHED_TO]->(:Enterprise {creditCode: key})
WHERE {{scope.patent}}
RETURN key, {{include.patent/row}} AS row
ORDER BY key, coalesce(r.score, 0) DESC, p.appNo
