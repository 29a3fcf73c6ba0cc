// Supervising bodies by code (public reference data).
UNWIND $keys AS key
MATCH (n:Ministry {code: key})
RETURN key, n {.*} AS row
