// A delivery succeeded: move the subscription past it, clear any pending retry, renew the
// lease. Nothing when the pass no longer holds the subscription.
MATCH (w:WebhookSubscription {id: $id})
WHERE w.lockedBy = $run
SET w.delivered = $delivered, w.lastDeliveryAt = datetime(), w.lastStatus = $status,
    w.lastError = null, w.pendingId = null, w.pendingBody = null, w.pendingFirst = null,
    w.pendingLast = null, w.pendingCount = null, w.attempts = 0, w.failingSince = null,
    w.retryAt = null, w.lockedUntil = datetime() + duration({seconds: $lease})
RETURN w.id AS id
