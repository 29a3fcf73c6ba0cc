// One page of each institution's patents the caller may see (newest grant first), with
// the total, for a batch of institutions that all ask for the same page position. Every
// patent it owns, first owner or co-owner (OWNED_BY).
UNWIND $keys AS key
CALL (key) {
  MATCH (:Institution {id: key})<-[:OWNED_BY]-(p:Patent)
  WHERE {{scope.patent}}
  WITH p, coalesce(toString(p.grantDate), '') AS sortKey, p.appNo AS id
  WHERE $after IS NULL OR sortKey < $after.k OR (sortKey = $after.k AND id > $after.id)
  WITH p, sortKey, id ORDER BY sortKey DESC, id ASC LIMIT $limit
  RETURN collect({row: {{include.patent/row}}, sortKey: sortKey, id: id}) AS rows
}
CALL (key) {
  MATCH (:Institution {id: key})<-[:OWNED_BY]-(p:Patent)
  WHERE {{scope.patent}}
  RETURN count(p) AS total
}
RETURN key, rows, total
