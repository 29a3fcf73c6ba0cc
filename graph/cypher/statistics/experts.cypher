// Expert library: experts the caller may see, per province that recommended them.
MATCH (x:Expert)
WHERE __EXPERT_SCOPE__
OPTIONAL MATCH (x)-[:RECOMMENDED_BY]->(pv:Province)
RETURN coalesce(pv.code, x.provinceCode) AS provinceCode, count(DISTINCT x) AS experts
