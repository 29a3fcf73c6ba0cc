// The pieces of an institution's patents connection (hub/resolvers/nested.py puts them
// together): one page of the patents of institution ``key`` the caller may see (newest
// grant first; every patent it owns, first owner or co-owner), and their total, read
// only when the selection asks for it.
// @keys
// A batch of institutions that all ask for the same page position.
UNWIND $keys AS key
// @lookup
// One institution, looked up under the caller's institution scope, with its page.
MATCH (i:Institution {id: $id})
WHERE {{scope.institution}}
WITH i, i.id AS key
// @page
CALL (key) {
  MATCH (:Institution {id: key})<-[:OWNED_BY]-(p:Patent)
  WHERE {{scope.patent}}
  WITH p, coalesce(toString(p.grantDate), '') AS sortKey, p.appNo AS id
  WHERE $after IS NULL OR sortKey < $after.k OR (sortKey = $after.k AND id > $after.id)
  WITH p, sortKey, id ORDER BY sortKey DESC, id ASC LIMIT $limit
  {{nested.patent}}
  WITH * ORDER BY sortKey DESC, id ASC
  RETURN collect({row: {{include.patent/row}}, sortKey: sortKey, id: id}) AS rows
}
// @total
CALL (key) {
  MATCH (:Institution {id: key})<-[:OWNED_BY]-(p:Patent)
  WHERE {{scope.patent}}
  RETURN count(p) AS total
}
// @no_total
WITH *, null AS total
