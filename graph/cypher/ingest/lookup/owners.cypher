// Every name a patent owner or a seller may be given by: institutions and enterprises.
CALL () {
  MATCH (i:Institution)
  RETURN 'Institution' AS label, i.id AS id, i.name AS name, coalesce(i.aliases, []) AS aliases,
         i.provinceCode AS provinceCode, i.ministryCode AS ministryCode
  UNION ALL
  MATCH (e:Enterprise)
  RETURN 'Enterprise' AS label, e.creditCode AS id, e.name AS name,
         coalesce(e.aliases, []) AS aliases, e.provinceCode AS provinceCode,
         null AS ministryCode
}
RETURN label, id, name, aliases, provinceCode, ministryCode
