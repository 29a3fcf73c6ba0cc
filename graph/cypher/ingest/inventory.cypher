// Inventory results on base-library patents; the catalogue flag needs a valid patent with
// an intent; declared industries are replaced by those of the file. The units 所属学院 gave
// (departmentUnits) are replaced for the inventorying institution only (a co-owner keeps
// its own); unitIds = the owner names' units and these.
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.appNo})
WITH p, r, [u IN coalesce(p.departmentUnits, [])
            WHERE r.props.inventoriedBy IS NULL
               OR NOT u STARTS WITH r.props.inventoriedBy + '/'] AS others
SET p += r.props,
    p.departmentUnits = others + [u IN r.props.departmentUnits WHERE NOT u IN others],
    p.transferable = r.props.inventoryState = 'SCREENED_IN' AND p.legalStatus = 'VALID'
      AND size(r.props.intents) > 0
WITH p, r, coalesce(p.applicantUnits, []) AS a
SET p.unitIds = CASE WHEN size(a) + size(p.departmentUnits) = 0 THEN null
  ELSE a + [u IN p.departmentUnits WHERE NOT u IN a] END
WITH p, r
CALL (p, r) {
  MATCH (p)-[x:IN_INDUSTRY {source: 'DECLARED'}]->(i)
  WHERE NOT i.id IN r.industries
  DELETE x
}
CALL (p, r) {
  UNWIND r.industries AS id
  MATCH (i:Industry {id: id})
  MERGE (p)-[:IN_INDUSTRY {source: 'DECLARED'}]->(i)
}
