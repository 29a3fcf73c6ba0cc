// The dead letters, newest first.
MATCH (d:DeadLetter)
RETURN d {.*} AS deadLetter
ORDER BY d.at DESC, d.id
