// Base-library patents. Inventory fields are left as they are; flags given as empty keep
// their stored value; the catalogue flag follows the legal status.
UNWIND $rows AS r
MERGE (p:Patent {appNo: r.appNo})
SET p += r.props,
    p.stateFunded = coalesce(r.stateFunded, p.stateFunded, false),
    p.openLicence = coalesce(r.openLicence, p.openLicence, false),
    p.inventoryState = coalesce(p.inventoryState, 'NOT_INVENTORIED'),
    p.transferable = coalesce(p.inventoryState, 'NOT_INVENTORIED') = 'SCREENED_IN'
      AND r.props.legalStatus = 'VALID' AND size(coalesce(p.intents, [])) > 0
