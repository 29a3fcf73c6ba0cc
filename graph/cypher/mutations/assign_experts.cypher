// Experts assigned to patents (idempotent: an existing assignment is kept).
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
UNWIND $ids AS id
MATCH (x:Expert {id: id})
MERGE (x)-[r:ASSIGNED]->(p)
ON CREATE SET r.at = datetime(), r.by = $by, r.new = true
WITH r, coalesce(r.new, false) AS created
REMOVE r.new
RETURN count(r) AS assignments, count(CASE WHEN created THEN 1 END) AS created
