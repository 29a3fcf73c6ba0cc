// A page of 100 change events from the middle of the feed as a PROVINCE platform pages
// it: its own province's patents and the national catalogue's, oldest first; one ordered
// branch per index, each cut at the page size; `at` as text, as the hub reads it (the
// driver's DateTime per event would cost more than the rest of the page).
CALL () {
  MATCH (c:Change)
  WHERE c.provinceCode = $province AND c.seq > $after
  RETURN c ORDER BY c.provinceCode, c.seq LIMIT 101
  UNION
  MATCH (c:Change)
  WHERE c.catalogue = true AND c.seq > $after
  RETURN c ORDER BY c.catalogue, c.seq LIMIT 101
}
WITH c ORDER BY c.seq LIMIT 101
RETURN collect(c {.seq, .appNo, .kind, at: toString(c.at), .provinceCode, .catalogue, .source})[0..100]
  AS changes
