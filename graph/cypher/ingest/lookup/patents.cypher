// The patents of a file that the hub knows, with their owning institutions (every one, in
// order), their units and the hash of their last inventory row.
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
RETURN p.appNo AS appNo, p.institutionId AS institutionId, p.legalStatus AS legalStatus,
       p.inventoryHash AS inventoryHash,
       [(p)-[o:OWNED_BY]->(i:Institution) | [o.order, i.id]] AS ownedBy,
       coalesce(p.unitIds, []) AS units
