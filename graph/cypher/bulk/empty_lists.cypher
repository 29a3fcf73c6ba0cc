// Empty lists the offline importer cannot write, set after it ({{label}} and {{key}} are
// a label of graph.bulk.store.KEYS and its key property, never input).
UNWIND $rows AS r
MATCH (n:{{label}} {{{key}}: r.k})
SET n += r.m
