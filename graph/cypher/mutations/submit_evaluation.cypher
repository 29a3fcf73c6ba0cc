// A market evaluation by an enterprise or an expert.
MATCH (p:Patent {appNo: $appNo})
OPTIONAL MATCH (e:Enterprise {creditCode: $evaluator}) WHERE $kind = 'ENTERPRISE'
OPTIONAL MATCH (x:Expert {id: $evaluator}) WHERE $kind = 'EXPERT'
WITH p, coalesce(e, x) AS who
WHERE who IS NOT NULL
CREATE (v:Evaluation {id: $id})
SET v += $props, v.evaluatorKind = $kind, v.date = date()
CREATE (who)-[:SUBMITTED]->(v)-[:EVALUATES]->(p)
RETURN v.id AS id
