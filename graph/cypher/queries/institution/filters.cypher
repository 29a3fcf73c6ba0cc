// Institution filters and list pieces (variable i).
// @source
MATCH (i:Institution)
// @sort
coalesce(i.name, '')
// @provinceCode
i.provinceCode = $filter.provinceCode
// @ministryCode
i.ministryCode = $filter.ministryCode
// @kind
i.kind = $filter.kind
// @name
(i.name CONTAINS $filter.name OR any(a IN coalesce(i.aliases, []) WHERE a CONTAINS $filter.name))
