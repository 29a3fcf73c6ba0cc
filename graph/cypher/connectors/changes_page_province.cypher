// changes_page for a province: its own events and the catalogue's, one branch per index
// (Change(provinceCode, seq), Change(catalogue, seq)), each read in seq order and cut at
// $limit, as webhook_events.cypher reads them. With the OR of changes_page the planner
// unions both index seeks unordered and sorts every later event: on 1.5M events, with the
// catalogue holding 45% of the patents, a page from the middle of the feed read 418,709
// index entries (646 ms) instead of at most 2 × $limit.
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
// `at` as ISO text: the driver takes about 30 µs to build each DateTime (3 of a page's
// 5 ms for 101 events); Python parses the text in a microsecond or two (hub.schema.values).
RETURN collect(c {.seq, .appNo, .kind, .provinceCode, .catalogue, .transferable, .source,
                 at: toString(c.at)})
  AS changes
