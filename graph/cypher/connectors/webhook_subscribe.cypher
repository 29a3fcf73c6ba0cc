// A province's webhook subscription; deliveries start after the change recorded last.
MATCH (pr:Province {code: $province})
OPTIONAL MATCH (s:ChangeSequence {name: 'changes'})
CREATE (w:WebhookSubscription {
  id: $id, province: $province, url: $url, secret: $secret, active: true,
  delivered: CASE WHEN $fromStart THEN 0 ELSE coalesce(s.last, 0) END, createdAt: datetime()
})
RETURN w {.id, .province, .url, .delivered} AS subscription
