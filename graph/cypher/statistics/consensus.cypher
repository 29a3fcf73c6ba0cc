// The evaluations of one patent the caller may see (none when the patent is not visible).
MATCH (p:Patent {appNo: $appNo})
WHERE __PATENT_SCOPE__
OPTIONAL MATCH (v:Evaluation)-[:EVALUATES]->(p)
WHERE __EVALUATION_SCOPE__
RETURN p.appNo AS appNo, p.title AS title,
       collect(v {.id, .evaluatorKind, .prospect, .score, .willingness}) AS evaluations
