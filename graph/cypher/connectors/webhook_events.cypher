// The events a webhook delivery sends: changes_page with the time as ISO 8601 text (no
// date-time values to decode per event: the payload is JSON text anyway).
MATCH (c:Change)
WHERE c.seq > $after AND {{scope.change}}
RETURN c {.seq, .appNo, .kind, at: toString(c.at), .provinceCode, .catalogue, .transferable}
  AS change
ORDER BY c.seq
LIMIT $limit
