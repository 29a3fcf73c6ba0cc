// Inventory results on base-library patents; the catalogue flag needs a valid patent with
// an intent; declared industries are replaced by those of the file.
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.appNo})
SET p += r.props,
    p.transferable = r.props.inventoryState = 'SCREENED_IN' AND p.legalStatus = 'VALID'
      AND size(r.props.intents) > 0
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
