// Which enterprises (variable e) a caller sees.
// @NATIONAL
true
// @MINISTRY
(EXISTS { (e)-[:SUPERVISED_BY]->(:Ministry {code: $scope.ministry}) }
 OR EXISTS { (e)<-[:BUYER]-(:Transaction)-[:SELLER]->(:Institution {ministryCode: $scope.ministry}) })
// @PROVINCE
e.provinceCode = $scope.province
// @INSTITUTION
(EXISTS { (e)<-[:BUYER]-(:Transaction)-[:SELLER]->(:Institution {id: $scope.institution}) }
 OR EXISTS { (e)-[:SUBMITTED]->(:Evaluation)-[:EVALUATES]->(:Patent {institutionId: $scope.institution}) })
// @ENTERPRISE
e.creditCode = $scope.enterprise
// @EXPERT
false
// @ANONYMOUS
false
