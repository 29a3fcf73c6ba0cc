// Dead letters not yet redelivered, of one subscription and/or overlapping a seq range
// (each filter null = any), oldest events first.
MATCH (d:DeadLetter)
WHERE d.redeliveredAt IS NULL
  AND ($subscription IS NULL OR d.subscriptionId = $subscription)
  AND ($firstSeq IS NULL OR d.lastSeq >= $firstSeq)
  AND ($lastSeq IS NULL OR d.firstSeq <= $lastSeq)
RETURN d {.id, .subscriptionId, .payload, .firstSeq, .lastSeq} AS deadLetter
ORDER BY d.subscriptionId, d.firstSeq
