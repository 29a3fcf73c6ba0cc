// The active subscriptions, for a delivery pass (each is then taken with webhook_lock).
MATCH (w:WebhookSubscription)
WHERE w.active
RETURN w.id AS id
ORDER BY id
