// Evaluations each expert submitted that the caller may see, newest first.
UNWIND $keys AS key
MATCH (:Expert {id: key})-[:SUBMITTED]->(v:Evaluation)
WHERE {{scope.evaluation}}
RETURN key, {{include.evaluation/row}} AS row
ORDER BY key, v.date DESC, v.id
