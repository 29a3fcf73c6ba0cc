// One page of change events after $after (a seq), oldest first; {{scope.change}} is the
// caller's section of change_scope.cypher.
// All of the page in one record (the driver's cost per record exceeds that of its values).
MATCH (c:Change)
WHERE c.seq > $after AND {{scope.change}}
WITH c ORDER BY c.seq LIMIT $limit
RETURN collect(c {.seq, .appNo, .kind, .at, .provinceCode, .catalogue, .transferable, .source})
  AS changes
