// Transfer registrations and licence filings per quarter, grouped by the patent's
// province or supervising ministry ('LOCAL' for locally run owners).
MATCH (t:Transaction)-[:OF_PATENT]->(p:Patent)
WHERE t.quarter IN $quarters AND __TRANSACTION_SCOPE__ AND __PATENT_SCOPE__ AND __OVERSIGHT__
WITH CASE $by WHEN 'PROVINCE' THEN p.provinceCode ELSE coalesce(p.ministryCode, 'LOCAL') END AS key,
     t
RETURN key, t.quarter AS quarter,
       count(DISTINCT CASE WHEN t.kind = 'TRANSFER' AND t.registered = true THEN t END) AS transfers,
       count(DISTINCT CASE WHEN t.kind IN $licenceKinds AND t.registered = true THEN t END) AS licences,
       sum(coalesce(t.amount, 0.0)) AS amount
