// The outcome of a redelivery: accepted (marked redeliveredAt) or refused again (counted).
MATCH (w:WebhookSubscription {id: $id})
WHERE w.lockedBy = $run
MATCH (d:DeadLetter {id: $deadId})
SET d.attempts = d.attempts + 1, d.lastStatus = $status, d.lastError = $error,
    d.lastAttemptAt = datetime(),
    d.redeliveredAt = CASE WHEN $error IS NULL THEN datetime() ELSE null END,
    w.lockedUntil = datetime() + duration({seconds: $lease})
RETURN d.id AS id
