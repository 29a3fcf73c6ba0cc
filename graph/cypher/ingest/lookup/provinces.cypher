MATCH (p:Province)
RETURN p.code AS code
