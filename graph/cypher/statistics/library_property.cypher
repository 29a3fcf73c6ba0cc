// The resource library (screened-in patents the caller sees) by maturity and by rating.
MATCH (p:Patent)
WHERE p.inventoryState = 'SCREENED_IN' AND __PATENT_SCOPE__
RETURN 'maturity' AS dimension, toString(p.maturity) AS key, count(p) AS patents
UNION ALL
MATCH (p:Patent)
WHERE p.inventoryState = 'SCREENED_IN' AND __PATENT_SCOPE__
RETURN 'rating' AS dimension, toString(p.rating) AS key, count(p) AS patents
UNION ALL
MATCH (p:Patent)
WHERE p.inventoryState = 'SCREENED_IN' AND __PATENT_SCOPE__
RETURN 'total' AS dimension, null AS key, count(p) AS patents
