UNWIND $rows AS r
MATCH (s:Institution {id: r.seller})
MATCH (b:Enterprise {creditCode: r.buyer})
MERGE (t:Transaction {id: r.id})
SET t += r.props
MERGE (t)-[:SELLER]->(s)
MERGE (t)-[:BUYER]->(b)
WITH t, r
UNWIND r.a AS appNo
MATCH (p:Patent {appNo: appNo})
MERGE (t)-[:OF_PATENT]->(p)
