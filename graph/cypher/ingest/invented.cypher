UNWIND $rows AS r
MATCH (p:Patent {appNo: r.a})
UNWIND range(0, size(r.ids) - 1) AS k
MATCH (i:Inventor {id: r.ids[k]})
MERGE (i)-[x:INVENTED]->(p)
SET x.order = k + 1
