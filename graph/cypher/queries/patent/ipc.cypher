// IPC subclasses of each patent, the main one first.
UNWIND $keys AS key
MATCH (:Patent {appNo: key})-[r:HAS_IPC]->(n:IpcClass)
RETURN key, n {.*, main: coalesce(r.main, false)} AS row
ORDER BY key, coalesce(r.main, false) DESC, n.code
