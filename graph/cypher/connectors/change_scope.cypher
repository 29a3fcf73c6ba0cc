// Which change events (variable c) each role may page; a role without a section is refused.
// `catalogue` is true when the patent was in the national transferable catalogue before or
// after the change, so a province also learns that a patent left the catalogue.
// @NATIONAL
true
// @MINISTRY
c.ministryCode = $scope.ministry
// @PROVINCE
(c.provinceCode = $scope.province OR c.catalogue = true)
// @INSTITUTION
c.institutionId = $scope.institution
