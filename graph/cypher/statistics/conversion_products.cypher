// Patent-intensive product filings per quarter, by the used patent's province/ministry.
MATCH (f:ProductFiling)-[:USES]->(p:Patent)
WHERE f.quarter IN $quarters AND __PATENT_SCOPE__ AND __OVERSIGHT__
WITH CASE $by WHEN 'PROVINCE' THEN p.provinceCode ELSE coalesce(p.ministryCode, 'LOCAL') END AS key,
     f
RETURN key, f.quarter AS quarter, count(DISTINCT f) AS products
