// The keys of a co-owned patent's owning institutions (variable p), each kept only where
// the caller may see that institution (a patent is seen by any of its owners, their
// provinces and ministries, but not every viewer sees every owner).
[k IN coalesce(p.institutionIds, [])
 WHERE EXISTS { MATCH (ki:Institution {id: k}) WHERE {{scope.institution:ki}} }]
