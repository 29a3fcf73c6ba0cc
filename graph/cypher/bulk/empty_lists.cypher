// The empty lists the offline importer cannot write, set after it: the CSV files
// (graph/bulk/nodes.py) gave the nodes with the same empty lists one marker label,
// {{marker}} (BulkEmptyLists<n>, never input); $empty maps those names to []. The marker goes.
MATCH (n:{{marker}})
CALL (n) {
  SET n += $empty
  REMOVE n:{{marker}}
} IN TRANSACTIONS OF 20000 ROWS
