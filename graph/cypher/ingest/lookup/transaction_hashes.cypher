// The Transaction nodes of a file that the hub holds, with the hash of the row last written.
UNWIND $keys AS key
MATCH (x:Transaction {id: key})
RETURN key, x.hash AS hash
