// The resource library (screened-in patents the caller sees) by GB/T 4754 section, SEI
// field, maturity and rating, and its total: the roll-ups' counts of the visibility
// classes the caller sees (rollup_classes.cypher), plus the patents it sees through its
// own relationships (private_patents.cypher). A patent in several sections counts in each.
CALL () {
  MATCH (r:InstitutionRollup)
  WHERE size(r.libraryKeys) > 0
  WITH r, __ROLLUP_CLASSES__ AS classes
  // Each list bound once: r.list[n] reads the whole list property again for every n.
  WITH r.libraryKeys AS keys, CASE WHEN 'O' IN classes THEN r.libraryO END AS o,
       CASE WHEN 'C' IN classes THEN r.libraryC END AS c,
       CASE WHEN 'P' IN classes THEN r.libraryP END AS p
  UNWIND range(0, size(keys) - 1) AS n
  WITH keys[n] AS k, coalesce(o[n], 0) + coalesce(c[n], 0) + coalesce(p[n], 0) AS patents
  WHERE patents > 0
  RETURN k, patents
  UNION ALL
  // A later owner's shares of co-owned patents the caller sees through it and not through
  // their first owner (rollup_shares.cypher: the marks and classes that counts).
  MATCH (r:InstitutionRollup)
  WHERE size(r.shareLibraryKeys) > 0
  WITH r.shareLibraryKeys AS keys, r.shareLibraryCounts AS counts, __ROLLUP_SHARES__ AS prefixes
  WHERE size(prefixes) > 0
  UNWIND range(0, size(keys) - 1) AS n
  WITH keys[n] AS k, counts[n] AS patents, prefixes
  WHERE any(x IN prefixes WHERE k STARTS WITH x)
  RETURN substring(k, 4) AS k, patents
  UNION ALL
  CALL () { __PRIVATE_PATENTS__ }
  WITH DISTINCT p WHERE p.inventoryState = 'SCREENED_IN'
  CALL (p) {
    OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
    WHERE s.scheme IN ['GBT4754', 'SEI2018']
    RETURN collect(DISTINCT s.scheme + '|' + s.code) AS sections
  }
  WITH p, [x IN sections WHERE x STARTS WITH 'GBT4754|'] AS gbt,
       [x IN sections WHERE x STARTS WITH 'SEI2018|'] AS sei
  UNWIND ['total|', 'maturity|' + coalesce(toString(p.maturity), ''),
          'rating|' + coalesce(toString(p.rating), '')]
         + CASE WHEN size(gbt) = 0 THEN ['GBT4754|'] ELSE gbt END
         + CASE WHEN size(sei) = 0 THEN ['SEI2018|'] ELSE sei END AS k
  RETURN k, 1 AS patents
}
WITH k, sum(patents) AS patents  // grouped on the key first: one split per bucket, not per row
WITH split(k, '|') AS k, patents
WITH k[0] AS dimension, CASE k[1] WHEN '' THEN null ELSE k[1] END AS key, patents
OPTIONAL MATCH (s:Industry {id: dimension + ':' + key})
WHERE s.level = 1
RETURN dimension, key, s.name AS name, patents
ORDER BY dimension, patents DESC, key
