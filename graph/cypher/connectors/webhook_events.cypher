// The events a webhook delivery sends: changes_page with the time as ISO 8601 text (no
// date-time values to decode per event: the payload is JSON text anyway), all of them in
// one record: the driver's cost per record is several times that of the values it holds.
// A province sees its own events and the catalogue's: one branch per index
// (Change(provinceCode, seq), Change(catalogue, seq)), each read in seq order and cut at
// $limit, so a read costs the events it returns, not the whole backlog after $after (an OR
// of the two is one unordered union that reads every later event before sorting). The
// branches order by the index's leading property too (a constant in each): only then does
// Neo4j 5 read the composite index in order instead of sorting all it finds. Each branch
// still carries the province's scope predicate: a branch only narrows it.
CALL () {
  MATCH (c:Change)
  WHERE c.provinceCode = $scope.province AND c.seq > $after AND {{scope.change}}
  RETURN c ORDER BY c.provinceCode, c.seq LIMIT $limit
  UNION
  MATCH (c:Change)
  WHERE c.catalogue = true AND c.seq > $after AND {{scope.change}}
  RETURN c ORDER BY c.catalogue, c.seq LIMIT $limit
}
WITH c ORDER BY c.seq LIMIT $limit
RETURN collect(c {.seq, .appNo, .kind, at: toString(c.at), .provinceCode, .catalogue,
  .transferable}) AS changes
