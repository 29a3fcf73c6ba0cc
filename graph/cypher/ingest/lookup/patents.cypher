// The patents of a file that the hub knows, with their owning institutions and the hash of
// their last inventory row.
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
RETURN p.appNo AS appNo, p.institutionId AS institutionId, p.legalStatus AS legalStatus,
       p.inventoryHash AS inventoryHash,
       [(p)-[:OWNED_BY]->(i:Institution) | i.id] AS owners
