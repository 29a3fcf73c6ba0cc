// The deals and product filings (element ids) of the patents $appNos: their conversion
// figures change with the owners of those patents (graph/rollups.py).
UNWIND $appNos AS a
MATCH (:Patent {appNo: a})<-[:OF_PATENT|USES]-(x)
WHERE x:Transaction OR x:ProductFiling
RETURN collect(DISTINCT elementId(x)) AS items
