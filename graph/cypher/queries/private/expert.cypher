// Who may read an expert's phone and email, variable x: the expert and the province that
// recommended it (or where it works).
// @NATIONAL
true
// @MINISTRY
false
// @PROVINCE
(x.provinceCode = $scope.province
 OR EXISTS { (x)-[:RECOMMENDED_BY]->(:Province {code: $scope.province}) })
// @INSTITUTION
false
// @ENTERPRISE
false
// @EXPERT
x.id = $scope.expert
// @ANONYMOUS
false
