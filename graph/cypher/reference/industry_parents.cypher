// PART_OF from each industry class to its parent; a stale parent link is removed.
UNWIND $rows AS row
MATCH (c:Industry {id: row.id})
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:PART_OF]->(p:Industry)
  WHERE p.id <> row.parent
  DELETE old
}
CALL (c, row) {
  MATCH (p:Industry {id: row.parent})
  MERGE (c)-[:PART_OF]->(p)
}
