CALL () {
  MATCH (n) UNWIND labels(n) AS name RETURN 'nodes' AS kind, name, count(*) AS n
  UNION ALL
  MATCH ()-[r]->() RETURN 'relationships' AS kind, type(r) AS name, count(*) AS n
}
RETURN kind, name, n ORDER BY kind, name
