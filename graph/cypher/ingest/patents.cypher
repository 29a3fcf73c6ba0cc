// Base-library patents. Inventory fields are left as they are; flags given as empty keep
// their stored value; the catalogue flag follows the legal status. A patent's units are
// those its owner names give and those its inventory's 所属学院 gave.
UNWIND $rows AS r
MERGE (p:Patent {appNo: r.appNo})
SET p += r.props,
    p.stateFunded = coalesce(r.stateFunded, p.stateFunded, false),
    p.openLicence = coalesce(r.openLicence, p.openLicence, false),
    p.inventoryState = coalesce(p.inventoryState, 'NOT_INVENTORIED'),
    p.transferable = coalesce(p.inventoryState, 'NOT_INVENTORIED') = 'SCREENED_IN'
      AND r.props.legalStatus = 'VALID' AND size(coalesce(p.intents, [])) > 0
WITH p
WITH p, coalesce(p.applicantUnits, []) AS a
SET p.unitIds = CASE WHEN size(a) + size(coalesce(p.departmentUnits, [])) = 0 THEN null
  ELSE a + [u IN coalesce(p.departmentUnits, []) WHERE NOT u IN a] END
