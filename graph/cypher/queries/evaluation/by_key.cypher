// Evaluations by id, as the caller may see them.
UNWIND $keys AS key
MATCH (v:Evaluation {id: key})
WHERE {{scope.evaluation}}
RETURN key, {{include.evaluation/row}} AS row
