// The Expert nodes of a file that the hub holds, with the hash of the row last written.
UNWIND $keys AS key
MATCH (x:Expert {id: key})
RETURN key, x.hash AS hash
