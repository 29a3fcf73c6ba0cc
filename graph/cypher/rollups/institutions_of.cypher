// The institutions whose roll-ups a change to the patents $appNos concerns: their owners,
// and the owners of patents sharing a deal or a product filing with them (a shared deal
// is counted once per group, by the first institution of the group).
UNWIND $appNos AS a
MATCH (p:Patent {appNo: a})
OPTIONAL MATCH (p)<-[:OF_PATENT|USES]-(x)-[:OF_PATENT|USES]->(q:Patent)
WHERE x:Transaction OR x:ProductFiling
WITH collect(p.institutionId) + collect(q.institutionId) AS ids
UNWIND ids AS id
RETURN collect(DISTINCT id) AS ids
