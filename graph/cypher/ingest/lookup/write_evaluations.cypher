// Evaluations of a file the hub holds: who submitted each, and the owners of its patent.
UNWIND $ids AS id
MATCH (v:Evaluation {id: id})
OPTIONAL MATCH (v)-[:EVALUATES]->(p:Patent)
RETURN v.id AS id,
       head([(v)<-[:SUBMITTED]-(by) | coalesce(by.creditCode, by.id)]) AS evaluator,
       [(p)-[:OWNED_BY]->(i:Institution) | {id: i.id, province: i.provinceCode}] AS holders,
       coalesce(p.unitIds, []) AS units
