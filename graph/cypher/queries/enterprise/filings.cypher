// Product filings of each enterprise (the enterprise itself was read under scope).
UNWIND $keys AS key
MATCH (:Enterprise {creditCode: key})-[:FILED]->(n:ProductFiling)
RETURN key, n {.*} AS row
ORDER BY key, n.date DESC, n.id
