UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
MATCH (o:Institution {id: r.id})
MERGE (p)-[x:OWNED_BY]->(o)
SET x.order = r.order
