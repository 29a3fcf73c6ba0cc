// Enterprise evaluation coverage of the transferable catalogue the caller answers for.
MATCH (p:Patent)
WHERE p.transferable = true AND __PATENT_SCOPE__ AND __OVERSIGHT__
RETURN count(p) AS transferable,
       count(CASE WHEN EXISTS {
         MATCH (v:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p)
         WHERE __EVALUATION_SCOPE__
       } THEN 1 END) AS evaluated
