// Which experts (variable x) a caller sees.
// @NATIONAL
true
// @MINISTRY
false
// @PROVINCE
(x.provinceCode = $scope.province
 OR EXISTS { (x)-[:RECOMMENDED_BY]->(:Province {code: $scope.province}) })
// @INSTITUTION
EXISTS { (x)-[:ASSIGNED]->(p:Patent)
         WHERE (p.institutionId = $scope.institution
                OR (p.coOwned = true AND $scope.institution IN p.institutionIds))
           AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, [])) }
// @ENTERPRISE
false
// @EXPERT
x.id = $scope.expert
// @ANONYMOUS
false
