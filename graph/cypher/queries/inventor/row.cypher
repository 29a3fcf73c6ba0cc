// An inventor as returned (variable n): the key of its institution is as private as the
// institution (its scope rule).
n {.*,
  institutionId: CASE WHEN EXISTS { MATCH (ki:Institution {id: n.institutionId}) WHERE {{scope.institution:ki}} }
    THEN n.institutionId END}
