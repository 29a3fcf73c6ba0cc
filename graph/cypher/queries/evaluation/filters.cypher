// Evaluation filters and list pieces (variable v), newest first.
// @source
MATCH (v:Evaluation)
// @sort
coalesce(toString(v.date), '')
// @appNo
EXISTS { (v)-[:EVALUATES]->(:Patent {appNo: $filter.appNo}) }
// @evaluatorKind
v.evaluatorKind = $filter.evaluatorKind
// @enterpriseCode
EXISTS { (v)<-[:SUBMITTED]-(:Enterprise {creditCode: $filter.enterpriseCode}) }
// @expertId
EXISTS { (v)<-[:SUBMITTED]-(:Expert {id: $filter.expertId}) }
// @willingness
v.willingness = $filter.willingness
