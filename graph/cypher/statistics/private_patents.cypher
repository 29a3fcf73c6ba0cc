// The patents (variable p) a caller sees through its own relationships and not through
// the classes of rollup_classes.cypher: the body of a CALL subquery returning p. Few
// (pushed, evaluated, bought, assigned), so they are read from the patents themselves.
// @NATIONAL
UNWIND [] AS p RETURN p
// @MINISTRY
UNWIND [] AS p RETURN p
// @PROVINCE
UNWIND [] AS p RETURN p
// @INSTITUTION
UNWIND [] AS p RETURN p
// @ENTERPRISE
MATCH (e:Enterprise {creditCode: $scope.enterprise})
CALL (e) {
  MATCH (p:Patent)-[:PUSHED_TO]->(e) RETURN p
  UNION
  MATCH (p:Patent)<-[:EVALUATES]-(:Evaluation)<-[:SUBMITTED]-(e) RETURN p
  UNION
  MATCH (p:Patent)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(e) RETURN p
}
WITH p WHERE coalesce(p.transferable, false) = false AND coalesce(p.openLicence, false) = false
RETURN p
// @EXPERT
MATCH (p:Patent)<-[:ASSIGNED]-(:Expert {id: $scope.expert})
WHERE coalesce(p.openLicence, false) = false
RETURN p
// @ANONYMOUS
UNWIND [] AS p RETURN p
