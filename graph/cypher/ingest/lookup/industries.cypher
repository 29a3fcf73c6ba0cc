MATCH (i:Industry)
RETURN i.id AS id
