// Who may read a patent's contact, phone and money fields (contact, contactPhone,
// feeStandard, implAmount, priceBand), variable p. The rest of a visible patent is public
// to its viewer; these are for the owner, its overseers and its counterparts only.
// @NATIONAL
true
// @MINISTRY
p.ministryCode = $scope.ministry
// @PROVINCE
p.provinceCode = $scope.province
// @INSTITUTION
p.institutionId = $scope.institution
// @ENTERPRISE
(EXISTS { (p)-[:PUSHED_TO]->(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) })
// @EXPERT
EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) }
// @ANONYMOUS
false
