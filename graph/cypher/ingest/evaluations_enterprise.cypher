UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
MATCH (by:Enterprise {creditCode: r.by})
MERGE (e:Evaluation {id: r.id})
SET e += r.props
MERGE (by)-[:SUBMITTED]->(e)
MERGE (e)-[:EVALUATES]->(p)
