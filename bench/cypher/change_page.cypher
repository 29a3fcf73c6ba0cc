// A page of 100 change events from the middle of the feed as a PROVINCE platform pages
// it: its own province's patents and the national catalogue's, oldest first.
MATCH (c:Change)
WHERE c.seq > $after AND (c.provinceCode = $province OR c.catalogue = true)
WITH c ORDER BY c.seq LIMIT 101
RETURN collect(c {.seq, .appNo, .kind, .at, .provinceCode, .catalogue, .source})[0..100]
  AS changes
