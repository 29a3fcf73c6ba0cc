// The dead letters, newest first (every key present, null when unknown).
MATCH (d:DeadLetter)
RETURN d {.id, .subscriptionId, .province, .url, .payload, .firstSeq, .lastSeq, .lastStatus,
          .lastError, .attempts, .at} AS deadLetter
ORDER BY d.at DESC, d.id
