// A delivery that failed every attempt over the whole window: kept with its payload for
// `connectors redeliver`, and the subscription moves past it (so one bad batch never
// blocks the feed). Nothing when the pass no longer holds the subscription.
MATCH (w:WebhookSubscription {id: $id})
WHERE w.lockedBy = $run
CREATE (d:DeadLetter {
  id: $deadId, subscriptionId: w.id, province: w.province, url: w.url,
  payload: $payload, firstSeq: $firstSeq, lastSeq: $lastSeq, lastStatus: $lastStatus,
  lastError: $lastError, attempts: $attempts, at: datetime(),
  failingSince: coalesce(w.failingSince, datetime())
})
SET w.delivered = $lastSeq, w.lastStatus = $lastStatus, w.lastError = $lastError,
    w.pendingId = null, w.pendingBody = null, w.pendingFirst = null, w.pendingLast = null,
    w.pendingCount = null, w.attempts = 0, w.failingSince = null, w.retryAt = null,
    w.lockedUntil = datetime() + duration({seconds: $lease})
RETURN d.id AS id
