// Enterprises of a file the hub holds, with their province.
UNWIND $keys AS key
MATCH (e:Enterprise {creditCode: key})
RETURN key, e.provinceCode AS provinceCode
