// Transaction filters and list pieces (variable t), newest first.
// @source
MATCH (t:Transaction)
// @sort
coalesce(toString(t.date), '')
// @appNo
EXISTS { (t)-[:OF_PATENT]->(:Patent {appNo: $filter.appNo}) }
// @kind
t.kind = $filter.kind
// @quarter
t.quarter = $filter.quarter
// @registered
coalesce(t.registered, false) = $filter.registered
// @sellerId
EXISTS { (t)-[:SELLER]->(:Institution {id: $filter.sellerId}) }
// @buyerCode
EXISTS { (t)-[:BUYER]->(:Enterprise {creditCode: $filter.buyerCode}) }
// @provinceCode
(EXISTS { (t)-[:SELLER]->(:Institution {provinceCode: $filter.provinceCode}) }
 OR EXISTS { (t)-[:BUYER]->(:Enterprise {provinceCode: $filter.provinceCode}) })
