// Which visibility classes of an institution's roll-up (variable r) a caller sees, as a
// list: 'O' open-licence patents, 'C' the transferable catalogue (not open), 'P' the rest
// (graph/cypher/rollups/refresh.cypher). The patent scope rule of graph/cypher/scope/
// patent.cypher, restated per institution; what a role sees beyond it through its own
// relationships is read from patents by private_patents.cypher.
// @NATIONAL
['O', 'C', 'P']
// @MINISTRY
CASE WHEN r.ministryCode = $scope.ministry THEN ['O', 'C', 'P'] ELSE ['O'] END
// @PROVINCE
CASE WHEN r.provinceCode = $scope.province THEN ['O', 'C', 'P'] ELSE ['O', 'C'] END
// @INSTITUTION
CASE WHEN r.institutionId = $scope.institution THEN ['O', 'C', 'P'] ELSE ['O'] END
// @ENTERPRISE
['O', 'C']
// @EXPERT
['O']
// @ANONYMOUS
['O']
