// The reference nodes, by label scans ({{labels}}: graph.migrate.REFERENCE_LABELS joined
// by "|", never input): a database to be replaced may hold millions of other nodes.
MATCH (n:{{labels}})
RETURN elementId(n) AS e, labels(n) AS labels, properties(n) AS props
