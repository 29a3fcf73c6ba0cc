MATCH (t:Transaction {id: $id}) RETURN t.id AS id
