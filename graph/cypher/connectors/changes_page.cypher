// One page of change events after $after (a seq), oldest first; {{scope.change}} is the
// caller's section of change_scope.cypher.
// All of the page in one record (the driver's cost per record exceeds that of its values).
MATCH (c:Change)
WHERE c.seq > $after AND {{scope.change}}
WITH c ORDER BY c.seq LIMIT $limit
// `at` as ISO text: the driver takes about 30 µs to build each DateTime (3 of a page's
// 5 ms for 101 events); Python parses the text in a microsecond or two (hub.schema.values).
RETURN collect(c {.seq, .appNo, .kind, .provinceCode, .catalogue, .transferable, .source,
                 at: toString(c.at)})
  AS changes
