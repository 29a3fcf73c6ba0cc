// Which of a later owner's library and network shares (roll-up r, shareLibraryKeys and
// shareIndustryKeys "<mark>|<class>|…") a caller counts, as key prefixes: a co-owned
// patent of a class the caller sees through that owner (rollup_classes.cypher) but not
// through the patent's first owner, counted once (the first such owner: the mark of the
// caller's oversight). The roles whose classes do not depend on the owner see the patent
// through its first owner already.
// @NATIONAL
[]
// @MINISTRY
CASE WHEN r.ministryCode = $scope.ministry THEN ['M|C|', 'M|P|'] ELSE [] END
// @PROVINCE
CASE WHEN r.provinceCode = $scope.province THEN ['P|P|'] ELSE [] END
// @INSTITUTION
CASE WHEN r.institutionId = $scope.institution THEN ['I|C|', 'I|P|'] ELSE [] END
// @ENTERPRISE
[]
// @EXPERT
[]
// @ANONYMOUS
[]
