// A delivery failed: keep it pending (same id and body) and retry it after $delayMs.
MATCH (w:WebhookSubscription {id: $id})
WHERE w.lockedBy = $run
SET w.pendingId = $pendingId, w.pendingBody = $pendingBody, w.pendingFirst = $pendingFirst,
    w.pendingLast = $pendingLast, w.pendingCount = $pendingCount, w.attempts = $attempts,
    w.failingSince = coalesce(w.failingSince, datetime()),
    w.retryAt = datetime() + duration({milliseconds: $delayMs}),
    w.lastStatus = $status, w.lastError = $error, w.lastAttemptAt = datetime(),
    w.lockedUntil = datetime() + duration({seconds: $lease})
RETURN w.id AS id
