// Expert filters and list pieces (variable x).
// @source
MATCH (x:Expert)
// @sort
coalesce(x.name, '')
// @provinceCode
x.provinceCode = $filter.provinceCode
// @industryId
EXISTS { (x)-[:EXPERT_IN]->(:Industry)-[:PART_OF*0..]->(:Industry {id: $filter.industryId}) }
// @name
x.name CONTAINS $filter.name
