// Which transactions (variable t) a caller sees: the parties' and their overseers'. A unit
// account sees the deals on its unit's patents.
// @NATIONAL
true
// @MINISTRY
EXISTS { (t)-[:SELLER]->(:Institution {ministryCode: $scope.ministry}) }
// @PROVINCE
(EXISTS { (t)-[:SELLER]->(:Institution {provinceCode: $scope.province}) }
 OR EXISTS { (t)-[:BUYER]->(:Enterprise {provinceCode: $scope.province}) })
// @INSTITUTION
(EXISTS { (t)-[:SELLER]->(:Institution {id: $scope.institution}) }
 AND ($scope.unit IS NULL
      OR EXISTS { (t)-[:OF_PATENT]->(p:Patent) WHERE $scope.unit IN coalesce(p.unitIds, []) }))
// @ENTERPRISE
EXISTS { (t)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) }
// @EXPERT
false
// @ANONYMOUS
false
