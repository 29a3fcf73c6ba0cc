// Who may read a patent's contact, phone and money fields (contact, contactPhone,
// feeStandard, implAmount, priceBand), variable p. The rest of a visible patent is public
// to its viewer; these are for the owners (every owning institution of a co-owned patent;
// a unit account for its unit's patents), their overseers and counterparts only.
// @NATIONAL
true
// @MINISTRY
(p.ministryCode = $scope.ministry OR (p.coOwned = true AND $scope.ministry IN p.ministryCodes))
// @PROVINCE
(p.provinceCode = $scope.province OR (p.coOwned = true AND $scope.province IN p.provinceCodes))
// @INSTITUTION
((p.institutionId = $scope.institution
  OR (p.coOwned = true AND $scope.institution IN p.institutionIds))
 AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, [])))
// @ENTERPRISE
(EXISTS { (p)-[:PUSHED_TO]->(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) })
// @EXPERT
EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) }
// @ANONYMOUS
false
