// Nodes of one label, from the count store ({{label}}: "" for every node, or ":" and a
// label of graph.migrate.REFERENCE_LABELS, never input).
MATCH (n{{label}})
RETURN count(n) AS n
