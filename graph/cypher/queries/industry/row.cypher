n {.*, parentId: head([(n)-[:PART_OF]->(up:Industry) | up.id])}
