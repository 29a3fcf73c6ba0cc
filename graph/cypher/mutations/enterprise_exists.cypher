MATCH (e:Enterprise {creditCode: $creditCode}) RETURN e.creditCode AS creditCode
