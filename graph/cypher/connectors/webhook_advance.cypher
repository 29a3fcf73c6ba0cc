// Move a subscription past the events it received (or that went to the dead letters).
MATCH (w:WebhookSubscription {id: $id})
SET w.delivered = $delivered, w.lastDeliveryAt = datetime(), w.lastStatus = $status
