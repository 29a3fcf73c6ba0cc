// Sort keys of patent lists: never null, so keyset comparisons are total. A patent
// without the date (a pending application) sorts after every dated one in either
// direction: '' below every date for a descending order, '~' above them for an ascending
// one (hub/resolvers/patents.py names these keys as UNDATED).
// @GRANT_DATE
coalesce(toString(p.grantDate), '')
// @GRANT_DATE_ASC
coalesce(toString(p.grantDate), '~')
// @FILING_DATE
coalesce(toString(p.filingDate), '')
// @FILING_DATE_ASC
coalesce(toString(p.filingDate), '~')
// @RATING
coalesce(p.rating, 0)
// @RELEVANCE
score
// The dates themselves, each in a range index (patent_grant_date, patent_filing_date): a
// list without a search reads its page in the index's order, as far as the page goes,
// instead of sorting every patent in scope (hub/resolvers/keyset.py, Listing.date_index).
// @GRANT_DATE_INDEX
p.grantDate
// @FILING_DATE_INDEX
p.filingDate
