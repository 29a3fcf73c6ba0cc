// Which evaluations (variable v) a caller sees: the evaluator's own, and those of
// patents the caller answers for (results flow back to institutions and provinces; every
// owner of a co-owned patent; a unit account for its unit's patents).
// @NATIONAL
true
// @MINISTRY
EXISTS { (v)-[:EVALUATES]->(p:Patent)
         WHERE p.ministryCode = $scope.ministry
            OR (p.coOwned = true AND $scope.ministry IN p.ministryCodes) }
// @PROVINCE
(EXISTS { (v)-[:EVALUATES]->(p:Patent)
          WHERE p.provinceCode = $scope.province
             OR (p.coOwned = true AND $scope.province IN p.provinceCodes) }
 OR EXISTS { (v)<-[:SUBMITTED]-(:Enterprise {provinceCode: $scope.province}) }
 OR EXISTS { (v)<-[:SUBMITTED]-(:Expert {provinceCode: $scope.province}) })
// @INSTITUTION
EXISTS { (v)-[:EVALUATES]->(p:Patent)
         WHERE (p.institutionId = $scope.institution
                OR (p.coOwned = true AND $scope.institution IN p.institutionIds))
           AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, [])) }
// @ENTERPRISE
EXISTS { (v)<-[:SUBMITTED]-(:Enterprise {creditCode: $scope.enterprise}) }
// @EXPERT
EXISTS { (v)<-[:SUBMITTED]-(:Expert {id: $scope.expert}) }
// @ANONYMOUS
false
