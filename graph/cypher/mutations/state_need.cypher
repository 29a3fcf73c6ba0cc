// A technical need stated by an enterprise.
MATCH (e:Enterprise {creditCode: $creditCode})
CREATE (n:TechNeed {id: $id, text: $text, ipcPrefixes: $ipcPrefixes, createdAt: datetime()})
CREATE (e)-[:STATES]->(n)
RETURN n.id AS id
