UNWIND $ids AS id
MATCH (x:Expert {id: id})
RETURN x.id AS id
