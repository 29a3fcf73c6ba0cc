// Empty lists the offline importer cannot write, set after it on the nodes the CSV files
// marked with {{label}} (graph/bulk/nodes.py), which is then removed; {{label}} and {{prop}}
// are the marker and a property name the imports write, never input.
MATCH (n:{{label}})
CALL (n) {
  SET n.{{prop}} = []
  REMOVE n:{{label}}
} IN TRANSACTIONS OF 50000 ROWS
