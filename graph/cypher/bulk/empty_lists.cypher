// Empty lists the offline importer cannot write, set after it in one pass: the CSV files
// (graph/bulk/nodes.py) gave each node holding some the label BulkEmptyLists and their
// property names in bulkEmptyLists; both are removed.
MATCH (n:BulkEmptyLists)
CALL (n) {
  FOREACH (k IN n.bulkEmptyLists | SET n[k] = [])
  REMOVE n.bulkEmptyLists, n:BulkEmptyLists
} IN TRANSACTIONS OF 20000 ROWS
