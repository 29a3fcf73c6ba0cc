// The newest 20 granted patents with their owning institution and inventors. Every patent
// the filter keeps has a grant date; saying so lets Neo4j read patent_grant_date in order.
MATCH (p:Patent) WHERE p.grantYear >= $year AND p.grantDate IS NOT NULL
WITH p ORDER BY p.grantDate DESC, p.appNo ASC LIMIT 20
RETURN p.appNo AS appNo, p.title AS title,
       [(p)-[:OWNED_BY]->(i:Institution) | i.name][0] AS institution,
       [(v:Inventor)-[:INVENTED]->(p) | v.name] AS inventors
