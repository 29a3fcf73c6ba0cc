// Release a subscription at the end of the pass that holds it.
MATCH (w:WebhookSubscription {id: $id})
WHERE w.lockedBy = $run
SET w.lockedBy = null, w.lockedUntil = null
