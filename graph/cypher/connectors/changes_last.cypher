// The highest sequence number recorded so far.
OPTIONAL MATCH (s:ChangeSequence {name: 'changes'})
RETURN coalesce(s.last, 0) AS last
