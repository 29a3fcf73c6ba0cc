// Who may read an enterprise's contact and phone, variable e: the enterprise itself, its
// province, its supervising ministry, and institutions that sold it a patent.
// @NATIONAL
true
// @MINISTRY
EXISTS { (e)-[:SUPERVISED_BY]->(:Ministry {code: $scope.ministry}) }
// @PROVINCE
e.provinceCode = $scope.province
// @INSTITUTION
EXISTS { (e)<-[:BUYER]-(:Transaction)-[:SELLER]->(:Institution {id: $scope.institution}) }
// @ENTERPRISE
e.creditCode = $scope.enterprise
// @EXPERT
false
// @ANONYMOUS
false
