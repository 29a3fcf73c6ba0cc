// Which patents (variable p) a caller sees. Open-licence patents are public by law,
// so every role sees them as well as its own scope.
// @NATIONAL
true
// @MINISTRY
(p.ministryCode = $scope.ministry OR p.openLicence = true)
// @PROVINCE
(p.provinceCode = $scope.province OR p.transferable = true OR p.openLicence = true)
// @INSTITUTION
(p.institutionId = $scope.institution OR p.openLicence = true)
// @ENTERPRISE
(p.transferable = true OR p.openLicence = true
 OR EXISTS { (p)-[:PUSHED_TO]->(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:EVALUATES]-(:Evaluation)<-[:SUBMITTED]-(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) })
// @EXPERT
(p.openLicence = true OR EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) })
// @ANONYMOUS
p.openLicence = true
