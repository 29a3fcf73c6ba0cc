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
// The same three as their first owner's keys alone (an index seek each): a count sums the
// patents these find and the co-owned ones only the whole filter finds
// (hub/resolvers/keyset.py, Listing.first_owner).
// @provinceCode.first
p.provinceCode = $filter.provinceCode
// @ministryCode.first
p.ministryCode = $filter.ministryCode
// @institutionId.first
p.institutionId = $filter.institutionId
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
