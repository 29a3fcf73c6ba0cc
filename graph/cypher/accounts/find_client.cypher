// One OAuth client by id, for the token endpoint.
MATCH (c:OAuthClient {clientId: $clientId})
RETURN c.clientId AS clientId, c.secretHash AS secretHash, c.role AS role, c.scope AS scope,
       c.name AS name, coalesce(c.disabled, false) AS disabled
