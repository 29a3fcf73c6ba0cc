// Sort keys of patent lists: never null, so keyset comparisons are total.
// @GRANT_DATE
coalesce(toString(p.grantDate), '')
// @FILING_DATE
coalesce(toString(p.filingDate), '')
// @RATING
coalesce(p.rating, 0)
// @RELEVANCE
score
