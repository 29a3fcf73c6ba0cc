// The inventors of a file that the hub already holds (an id names institution and person).
UNWIND $ids AS id
MATCH (i:Inventor {id: id})
RETURN id
