// Which transactions (variable t) a caller sees: the parties' and their overseers'.
// @NATIONAL
true
// @MINISTRY
EXISTS { (t)-[:SELLER]->(:Institution {ministryCode: $scope.ministry}) }
// @PROVINCE
(EXISTS { (t)-[:SELLER]->(:Institution {provinceCode: $scope.province}) }
 OR EXISTS { (t)-[:BUYER]->(:Enterprise {provinceCode: $scope.province}) })
// @INSTITUTION
EXISTS { (t)-[:SELLER]->(:Institution {id: $scope.institution}) }
// @ENTERPRISE
EXISTS { (t)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) }
// @EXPERT
false
// @ANONYMOUS
false
