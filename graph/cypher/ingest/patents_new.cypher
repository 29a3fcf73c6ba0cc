// Base-library patents the hub does not hold yet (the validator checked): node, owners,
// inventors, IPC subclasses and derived industries created in one pass, no MERGE needed.
// Inventors and IPC subclasses are merged before; an industry the reference lacks is skipped.
UNWIND $rows AS r
CREATE (p:Patent {appNo: r.appNo})
SET p += r.props
WITH p, r
CALL (p, r) {
  UNWIND r.own AS o
  MATCH (i:Institution {id: o.id})
  CREATE (p)-[:OWNED_BY {order: o.order}]->(i)
}
CALL (p, r) {
  UNWIND r.firms AS o
  MATCH (e:Enterprise {creditCode: o.id})
  CREATE (p)-[:OWNED_BY {order: o.order}]->(e)
}
CALL (p, r) {
  UNWIND range(0, size(r.inv) - 1) AS k
  MATCH (i:Inventor {id: r.inv[k]})
  CREATE (i)-[:INVENTED {order: k + 1}]->(p)
}
CALL (p, r) {
  UNWIND r.ipc AS x
  MATCH (c:IpcClass {code: x.c})
  CREATE (p)-[:HAS_IPC {main: x.m}]->(c)
}
CALL (p, r) {
  UNWIND r.ind AS x
  MATCH (i:Industry {id: x.i})
  CREATE (p)-[:IN_INDUSTRY {source: x.s}]->(i)
}
