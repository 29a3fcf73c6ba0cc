// Has this evaluator already evaluated this patent?
MATCH (p:Patent {appNo: $appNo})<-[:EVALUATES]-(v:Evaluation)<-[:SUBMITTED]-(who)
WHERE (who:Enterprise AND who.creditCode = $evaluator AND $kind = 'ENTERPRISE')
   OR (who:Expert AND who.id = $evaluator AND $kind = 'EXPERT')
RETURN v.id AS id
LIMIT 1
