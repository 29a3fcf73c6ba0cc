// Whether an OAuth client's tokens still hold: it exists, is enabled, and tokens
// issued before validAfter (epoch seconds) have been ended.
MATCH (c:OAuthClient {clientId: $clientId})
RETURN c.clientId AS clientId, coalesce(c.disabled, false) AS disabled,
       coalesce(c.validAfter, 0) AS validAfter
