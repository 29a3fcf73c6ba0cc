// A new secret for one OAuth client (hashed): the old secret stops working at once, and the
// tokens issued before now (validAfter, epoch seconds) within the account-state cache's life.
MATCH (c:OAuthClient {clientId: $clientId})
SET c.secretHash = $secretHash, c.secretRotatedAt = datetime(), c.validAfter = $now
RETURN c.clientId AS clientId
