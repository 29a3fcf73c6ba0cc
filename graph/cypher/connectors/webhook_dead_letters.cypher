// The dead letters, newest first (every key present, null when unknown); redelivered ones
// only when $all.
MATCH (d:DeadLetter)
WHERE $all OR d.redeliveredAt IS NULL
RETURN d {.id, .subscriptionId, .province, .url, .payload, .firstSeq, .lastSeq, .lastStatus,
          .lastError, .attempts, .at, .redeliveredAt} AS deadLetter
ORDER BY d.at DESC, d.id
