// Take a subscription for one delivery pass ($run) for $lease seconds, unless another pass
// holds it. The first SET takes the node's write lock before the lease is read, so of two
// overlapping passes the second sees the first one's lease once it commits.
MATCH (w:WebhookSubscription {id: $id})
SET w.lockProbe = $run
WITH w
WHERE w.active AND (w.lockedUntil IS NULL OR w.lockedUntil < datetime() OR w.lockedBy = $run)
SET w.lockedBy = $run, w.lockedUntil = datetime() + duration({seconds: $lease})
RETURN w {
  .id, .province, .url, .secret, .delivered, .pendingId, .pendingBody, .pendingFirst,
  .pendingLast, .pendingCount, .attempts,
  due: w.retryAt IS NULL OR w.retryAt <= datetime(),
  failingSeconds: CASE WHEN w.failingSince IS NULL THEN 0.0
                  ELSE duration.inSeconds(w.failingSince, datetime()).seconds END
} AS subscription
