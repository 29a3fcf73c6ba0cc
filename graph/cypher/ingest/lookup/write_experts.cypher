// Experts of a file the hub holds, with the province that recommended them.
UNWIND $keys AS key
MATCH (x:Expert {id: key})
RETURN key, x.provinceCode AS provinceCode
