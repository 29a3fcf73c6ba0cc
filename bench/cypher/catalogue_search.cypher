// Full-text catalogue search as a PROVINCE account sees it: the first 20 hits by
// relevance with their institution, and the number of hits.
CALL db.index.fulltext.queryNodes('patent_text', $search) YIELD node AS p, score
WHERE p.provinceCode = $province OR p.transferable = true OR p.openLicence = true
WITH p, score ORDER BY score DESC, p.appNo ASC
WITH collect(p) AS hits
UNWIND hits[0..$first] AS p
OPTIONAL MATCH (p)-[:OWNED_BY]->(i:Institution)
RETURN size(hits) AS total, p.appNo AS appNo, p.title AS title,
       toString(p.grantDate) AS grantDate, i.name AS institution
