// Every subscription and its delivery state, for `connectors subscriptions` (no secret).
MATCH (w:WebhookSubscription)
RETURN w {
  .id, .province, .url, .active, .delivered, .createdAt, .lastDeliveryAt, .lastStatus,
  .lastError, .attempts, .retryAt, .failingSince, .lockedUntil, .unsubscribedAt,
  .secretRotatedAt, pending: w.pendingId IS NOT NULL, pendingFirst: w.pendingFirst,
  pendingLast: w.pendingLast,
  deadLetters: COUNT { (d:DeadLetter) WHERE d.subscriptionId = w.id AND d.redeliveredAt IS NULL }
} AS subscription
ORDER BY w.id
