// Technical needs of each enterprise (the enterprise itself was read under scope).
UNWIND $keys AS key
MATCH (:Enterprise {creditCode: key})-[:STATES]->(n:TechNeed)
RETURN key, n {.*} AS row
ORDER BY key, n.createdAt DESC, n.id
