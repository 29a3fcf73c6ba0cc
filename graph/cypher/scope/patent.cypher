// Which patents (variable p) a caller sees. Open-licence patents are public by law,
// so every role sees them as well as its own scope. A patent with several owning
// institutions (p.coOwned) is seen by each of them, their provinces and ministries
// (p.institutionIds, p.provinceCodes, p.ministryCodes); single-owner patents are decided
// by the index seeks on institutionId / provinceCode / ministryCode. A unit account
// ($scope.unit) sees its institution's patents of that unit only (p.unitIds).
// @NATIONAL
true
// @MINISTRY
(p.ministryCode = $scope.ministry OR p.openLicence = true
 OR (p.coOwned = true AND $scope.ministry IN p.ministryCodes))
// @PROVINCE
(p.provinceCode = $scope.province OR p.transferable = true OR p.openLicence = true
 OR (p.coOwned = true AND $scope.province IN p.provinceCodes))
// @INSTITUTION
(p.openLicence = true
 OR ((p.institutionId = $scope.institution
      OR (p.coOwned = true AND $scope.institution IN p.institutionIds))
     AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, []))))
// @ENTERPRISE
(p.transferable = true OR p.openLicence = true
 OR EXISTS { (p)-[:PUSHED_TO]->(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:EVALUATES]-(:Evaluation)<-[:SUBMITTED]-(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) })
// @EXPERT
(p.openLicence = true OR EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) })
// @ANONYMOUS
p.openLicence = true
