// The province-level divisions (public reference data).
MATCH (n:Province)
RETURN n {.*} AS row
ORDER BY n.code
