// The first 20 full-text hits by relevance.
CALL db.index.fulltext.queryNodes('patent_text', $phrase) YIELD node AS p, score
WITH p, score ORDER BY score DESC, p.appNo ASC LIMIT 20
RETURN p.appNo AS appNo, p.title AS title
