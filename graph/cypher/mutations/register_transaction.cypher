// A transfer or licence deal on one patent: seller the owning institution, buyer the
// enterprise; a deal means the patent is implemented.
MATCH (p:Patent {appNo: $appNo})
MATCH (i:Institution {id: p.institutionId})
MATCH (e:Enterprise {creditCode: $buyer})
CREATE (t:Transaction {id: $id})
SET t += $props, t.createdAt = datetime()
CREATE (t)-[:OF_PATENT]->(p), (t)-[:SELLER]->(i), (t)-[:BUYER]->(e)
SET p.implemented = true
RETURN t.id AS id, t.quarter AS quarter
