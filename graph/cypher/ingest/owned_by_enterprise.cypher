UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
MATCH (o:Enterprise {creditCode: r.id})
MERGE (p)-[x:OWNED_BY]->(o)
SET x.order = r.order
