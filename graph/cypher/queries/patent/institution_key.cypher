// The key of a patent's owning institution (variable p), null unless the caller may see
// the institution.
CASE WHEN EXISTS { MATCH (ki:Institution {id: p.institutionId}) WHERE {{scope.institution:ki}} }
  THEN p.institutionId END
