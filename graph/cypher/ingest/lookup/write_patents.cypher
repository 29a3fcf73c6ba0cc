// The patents of a file that the hub holds, with their owning institutions and the scope
// keys of each and the patent's units: what the write rules (graph/writes.py) compare.
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
RETURN p.appNo AS appNo, p.institutionId AS institutionId, p.provinceCode AS provinceCode,
       [(p)-[:OWNED_BY]->(i:Institution) | {id: i.id, province: i.provinceCode}] AS holders,
       coalesce(p.unitIds, []) AS units
