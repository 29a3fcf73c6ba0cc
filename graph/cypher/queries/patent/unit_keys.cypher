// The units of a patent (variable p): a unit id is <institution id>/<name>, so a unit is
// kept only where the caller may see its institution.
[u IN coalesce(p.unitIds, [])
 WHERE EXISTS { MATCH (ki:Institution {id: split(u, '/')[0]}) WHERE {{scope.institution:ki}} }]
