// A batch of patents by key, as the gateway's _entities call asks for them, with the
// owning institution's name; absent keys give no row.
UNWIND $appNos AS key
MATCH (p:Patent {appNo: key})
OPTIONAL MATCH (p)-[:OWNED_BY]->(i:Institution)
RETURN p.appNo AS appNo, p.title AS title, i.name AS institution
