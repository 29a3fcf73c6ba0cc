UNWIND $codes AS code
MATCH (e:Enterprise {creditCode: code})
RETURN e.creditCode AS id
