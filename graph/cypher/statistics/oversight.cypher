// Which patents (variable p) a caller answers for in progress and conversion
// statistics: the institutions it supervises or hosts. Spliced next to the patent scope
// rule (never instead of it), so a statistic only narrows what the caller may see.
// @NATIONAL
true
// @MINISTRY
p.ministryCode = $scope.ministry
// @PROVINCE
p.provinceCode = $scope.province
// @INSTITUTION
p.institutionId = $scope.institution
// @ENTERPRISE
false
// @EXPERT
false
// @ANONYMOUS
false
