// Which evaluations (variable v) a caller sees: the evaluator's own, and those of
// patents the caller answers for (results flow back to institutions and provinces).
// @NATIONAL
true
// @MINISTRY
EXISTS { (v)-[:EVALUATES]->(:Patent {ministryCode: $scope.ministry}) }
// @PROVINCE
(EXISTS { (v)-[:EVALUATES]->(:Patent {provinceCode: $scope.province}) }
 OR EXISTS { (v)<-[:SUBMITTED]-(:Enterprise {provinceCode: $scope.province}) }
 OR EXISTS { (v)<-[:SUBMITTED]-(:Expert {provinceCode: $scope.province}) })
// @INSTITUTION
EXISTS { (v)-[:EVALUATES]->(:Patent {institutionId: $scope.institution}) }
// @ENTERPRISE
EXISTS { (v)<-[:SUBMITTED]-(:Enterprise {creditCode: $scope.enterprise}) }
// @EXPERT
EXISTS { (v)<-[:SUBMITTED]-(:Expert {id: $scope.expert}) }
// @ANONYMOUS
false
