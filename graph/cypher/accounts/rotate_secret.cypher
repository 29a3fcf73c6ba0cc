// A new secret for one OAuth client (hashed); the old one stops working at once.
MATCH (c:OAuthClient {clientId: $clientId})
SET c.secretHash = $secretHash, c.secretRotatedAt = datetime()
RETURN c.clientId AS clientId
