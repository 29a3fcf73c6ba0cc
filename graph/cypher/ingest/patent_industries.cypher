// Industries derived from IPC codes; an industry the reference data lacks is skipped.
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
UNWIND range(0, size(r.i) - 1) AS k
MATCH (i:Industry {id: r.i[k]})
MERGE (p)-[:IN_INDUSTRY {source: r.s[k]}]->(i)
