// The relationships between reference nodes ({{labels}} as in bulk/reference_nodes).
MATCH (a:{{labels}})-[r]->(b:{{labels}})
RETURN elementId(a) AS a, type(r) AS t, elementId(b) AS b, properties(r) AS props
