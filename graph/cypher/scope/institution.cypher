// Which institutions (variable i) a caller sees: those it supervises or hosts, the
// co-owners of the patents it owns or oversees, and for everyone else the owners of
// patents it can see.
// @NATIONAL
true
// @MINISTRY
(i.ministryCode = $scope.ministry
 OR EXISTS { (i)<-[:OWNED_BY]-(p:Patent)
             WHERE p.openLicence = true
                OR (p.coOwned = true AND $scope.ministry IN p.ministryCodes) })
// @PROVINCE
(i.provinceCode = $scope.province
 OR EXISTS { (i)<-[:OWNED_BY]-(p:Patent)
             WHERE p.transferable = true OR p.openLicence = true
                OR (p.coOwned = true AND $scope.province IN p.provinceCodes) })
// @INSTITUTION
(i.id = $scope.institution
 OR EXISTS { (i)<-[:OWNED_BY]-(p:Patent)
             WHERE p.openLicence = true
                OR (p.coOwned = true AND $scope.institution IN p.institutionIds
                    AND ($scope.unit IS NULL OR $scope.unit IN coalesce(p.unitIds, []))) })
// @ENTERPRISE
EXISTS { (i)<-[:OWNED_BY]-(p:Patent) WHERE p.transferable = true OR p.openLicence = true
 OR EXISTS { (p)-[:PUSHED_TO]->(:Enterprise {creditCode: $scope.enterprise}) }
 OR EXISTS { (p)<-[:OF_PATENT]-(:Transaction)-[:BUYER]->(:Enterprise {creditCode: $scope.enterprise}) } }
// @EXPERT
EXISTS { (i)<-[:OWNED_BY]-(p:Patent) WHERE p.openLicence = true
 OR EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) } }
// @ANONYMOUS
EXISTS { (i)<-[:OWNED_BY]-(p:Patent) WHERE p.openLicence = true }
