// A delivery that failed every attempt, kept with its payload for a later redelivery.
MATCH (w:WebhookSubscription {id: $subscription})
CREATE (d:DeadLetter {
  id: $id, subscriptionId: $subscription, province: w.province, url: w.url,
  payload: $payload, firstSeq: $firstSeq, lastSeq: $lastSeq, lastStatus: $lastStatus,
  lastError: $lastError, attempts: $attempts, at: datetime()
})
RETURN d.id AS id
