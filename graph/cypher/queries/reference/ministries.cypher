// The central supervising bodies (public reference data).
MATCH (n:Ministry)
RETURN n {.*} AS row
ORDER BY n.code
