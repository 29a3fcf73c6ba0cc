// The resource library (screened-in patents the caller sees) by level-1 industry of one
// scheme (GB/T 4754 section or SEI field); a patent in several counts in each.
MATCH (p:Patent)
WHERE p.inventoryState = 'SCREENED_IN' AND __PATENT_SCOPE__
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {scheme: $scheme, level: 1})
  RETURN collect(DISTINCT s) AS sections
}
UNWIND CASE WHEN size(sections) = 0 THEN [null] ELSE sections END AS s
RETURN s.code AS key, s.name AS name, count(p) AS patents
ORDER BY patents DESC, key
