// Disable or enable one OAuth client; its tokens are refused (or accepted) again within
// the account cache's lifetime.
MATCH (c:OAuthClient {clientId: $clientId})
SET c.disabled = $disabled, c.disabledAt = CASE WHEN $disabled THEN datetime() END
RETURN c.clientId AS clientId
