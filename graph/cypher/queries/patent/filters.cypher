// Patent filters, one section per PatentFilter field; values come from $filter.
// @provinceCode
(p.provinceCode = $filter.provinceCode
 OR (p.coOwned = true AND $filter.provinceCode IN p.provinceCodes))
// @ministryCode
(p.ministryCode = $filter.ministryCode
 OR (p.coOwned = true AND $filter.ministryCode IN p.ministryCodes))
// @institutionId
(p.institutionId = $filter.institutionId
 OR (p.coOwned = true AND $filter.institutionId IN p.institutionIds))
// @industryId
EXISTS { (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {id: $filter.industryId}) }
// @ipcPrefix
(p.ipcMain STARTS WITH $filter.ipcPrefix
 OR any(c IN coalesce(p.ipcCodes, []) WHERE c STARTS WITH $filter.ipcPrefix))
// @type
p.type = $filter.type
// @grantYearFrom
p.grantYear >= $filter.grantYearFrom
// @grantYearTo
p.grantYear <= $filter.grantYearTo
// @inventoryState
coalesce(p.inventoryState, 'NOT_INVENTORIED') = $filter.inventoryState
// @intent
$filter.intent IN coalesce(p.intents, [])
// @maturity
p.maturity = $filter.maturity
// @ratingMin
p.rating >= $filter.ratingMin
// @implemented
coalesce(p.implemented, false) = $filter.implemented
// @stateFunded
coalesce(p.stateFunded, false) = $filter.stateFunded
// @openLicence
coalesce(p.openLicence, false) = $filter.openLicence
// @transferable
coalesce(p.transferable, false) = $filter.transferable
