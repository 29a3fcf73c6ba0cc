// Evaluations each enterprise submitted that the caller may see, newest first.
UNWIND $keys AS key
MATCH (:Enterprise {creditCode: key})-[:SUBMITTED]->(v:Evaluation)
WHERE {{scope.evaluation}}
RETURN key, {{include.evaluation/row}} AS row
ORDER BY key, v.date DESC, v.id
