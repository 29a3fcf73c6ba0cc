// Provinces by GB/T 2260 code (public reference data).
UNWIND $keys AS key
MATCH (n:Province {code: key})
RETURN key, n {.*} AS row
