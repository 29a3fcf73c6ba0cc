// Where a patent list starts: every patent, or the full-text hits with their score.
// @all
MATCH (p:Patent)
// @search
CALL db.index.fulltext.queryNodes('patent_text', $search) YIELD node AS p, score
