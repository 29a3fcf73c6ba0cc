// Evaluations of each patent the caller may see, newest first.
UNWIND $keys AS key
MATCH (v:Evaluation)-[:EVALUATES]->(:Patent {appNo: key})
WHERE {{scope.evaluation}}
RETURN key, {{include.evaluation/row}} AS row
ORDER BY key, v.date DESC, v.id
