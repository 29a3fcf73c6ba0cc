UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
UNWIND range(0, size(r.c) - 1) AS k
MATCH (c:IpcClass {code: r.c[k]})
MERGE (p)-[x:HAS_IPC]->(c)
SET x.main = r.m[k]
