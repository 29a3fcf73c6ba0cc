// Industry fields of each expert (public reference data).
UNWIND $keys AS key
MATCH (:Expert {id: key})-[:EXPERT_IN]->(n:Industry)
RETURN key, {{include.industry/row}} AS row
ORDER BY key, n.scheme, n.code
