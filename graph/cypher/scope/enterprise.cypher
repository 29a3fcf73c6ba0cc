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
 OR EXISTS { (e)-[:SUBMITTED]->(:Evaluation)-[:EVALUATES]->(p:Patent)
             WHERE (p.institutionId = $scope.institution
                    OR (p.coOwned = true AND $scope.institution IN p.institutionIds))
               AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, [])) })
// @ENTERPRISE
e.creditCode = $scope.enterprise
// @EXPERT
false
// @ANONYMOUS
false
