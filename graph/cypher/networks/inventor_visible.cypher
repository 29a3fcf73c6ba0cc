// The centre inventor, when at least one of its patents is in scope.
MATCH (a:Inventor {id: $id})
WHERE EXISTS { MATCH (a)-[:INVENTED]->(p:Patent) WHERE __PATENT_SCOPE__ }
RETURN a.id AS id, a.name AS name
