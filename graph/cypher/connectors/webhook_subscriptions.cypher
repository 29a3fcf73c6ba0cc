// Active subscriptions, each with the last seq it received.
MATCH (w:WebhookSubscription)
WHERE w.active
RETURN w {.id, .province, .url, .secret, .delivered} AS subscription
ORDER BY w.id
