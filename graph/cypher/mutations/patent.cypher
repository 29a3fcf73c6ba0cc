// The target patent of a workflow step, when the caller may see it, with the facts the
// step's rules look at.
MATCH (p:Patent {appNo: $appNo})
WHERE __PATENT_SCOPE__
RETURN p {.appNo, .institutionId, .provinceCode, .legalStatus, .openLicence, .transferable,
          .inventoryState} AS patent,
       [(p)-[:OWNED_BY]->(i:Institution) | {id: i.id, province: i.provinceCode}] AS holders,
       coalesce(p.unitIds, []) AS units,
       EXISTS { (p)<-[:ASSIGNED]-(:Expert {id: $scope.expert}) } AS assigned,
       EXISTS { (p)<-[:OF_PATENT]-(t:Transaction)
                WHERE t.kind IN ['EXCLUSIVE_LICENCE', 'SOLE_LICENCE'] } AS exclusive,
       EXISTS { (p)<-[:OF_PATENT]-(:Transaction {kind: 'TRANSFER'}) } AS transferred
