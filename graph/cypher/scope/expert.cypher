// Which experts (variable x) a caller sees.
// @NATIONAL
true
// @MINISTRY
false
// @PROVINCE
(x.provinceCode = $scope.province
 OR EXISTS { (x)-[:RECOMMENDED_BY]->(:Province {code: $scope.province}) })
// @INSTITUTION
EXISTS { (x)-[:ASSIGNED]->(:Patent {institutionId: $scope.institution}) }
// @ENTERPRISE
false
// @EXPERT
x.id = $scope.expert
// @ANONYMOUS
false
