// One page of change events after $after (a seq), oldest first; {{scope.change}} is the
// caller's section of change_scope.cypher.
MATCH (c:Change)
WHERE c.seq > $after AND {{scope.change}}
RETURN c {.seq, .appNo, .kind, .at, .provinceCode, .catalogue, .transferable, .source} AS change
ORDER BY c.seq
LIMIT $limit
