// Patents by application number, as the caller may see them.
UNWIND $keys AS key
MATCH (p:Patent {appNo: key})
WHERE {{scope.patent}}
{{nested.patent}}
RETURN key, {{include.patent/row}} AS row
