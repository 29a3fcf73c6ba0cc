// A new signing secret for a subscription, used from its next POST on.
MATCH (w:WebhookSubscription {id: $id})
SET w.secret = $secret, w.secretRotatedAt = datetime()
RETURN w {.id, .province, .url, .active, .secretRotatedAt} AS subscription
