// What a patent row (variable p) carries of its relations when the selection asks for
// them, so one statement answers the whole field: each section is one CALL subquery
// that binds __COL__ (a column name chosen by hub/resolvers/projection.py) to the
// related rows, exactly as the relation's own loader would read them.
// @institution
// The owning institution under the caller's institution scope. The rule is spliced with
// its own variables renamed (``:i``: its p becomes p_i), so none captures the outer
// patent; ``WITH`` keeping only the key was not enough for Neo4j 5.26 (an ENTERPRISE
// lost the owner of a patent pushed to it).
CALL (p) {
  WITH p.institutionId AS key
  OPTIONAL MATCH (i:Institution {id: key})
  WHERE {{scope.institution:i}}
  RETURN {{include.institution/row}} AS __COL__
}
// @inventors
// Inventors in filing order, as patent/inventors.cypher reads them (inventor/row: the
// key of an inventor's institution is as private as the institution).
CALL (p) {
  OPTIONAL MATCH (n:Inventor)-[r:INVENTED]->(p)
  WITH n, r ORDER BY r.order, n.name
  RETURN collect({{include.inventor/row}}) AS __COL__
}
