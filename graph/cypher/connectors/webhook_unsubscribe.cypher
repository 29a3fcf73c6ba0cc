// End a subscription: no more deliveries; it and its dead letters stay for the record.
MATCH (w:WebhookSubscription {id: $id})
SET w.active = false, w.unsubscribedAt = coalesce(w.unsubscribedAt, datetime())
RETURN w {.id, .province, .url, .active, .delivered, .unsubscribedAt} AS subscription
