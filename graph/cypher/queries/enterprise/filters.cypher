// Enterprise filters and list pieces (variable e).
// @source
MATCH (e:Enterprise)
// @sort
coalesce(e.name, '')
// @provinceCode
e.provinceCode = $filter.provinceCode
// @kind
$filter.kind IN coalesce(e.kinds, [])
// @industryId
EXISTS { (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {id: $filter.industryId}) }
// @name
(e.name CONTAINS $filter.name OR any(a IN coalesce(e.aliases, []) WHERE a CONTAINS $filter.name))
