// The role and scope an OAuth client writes with (CLI imports with --account, connectors).
MATCH (c:OAuthClient {clientId: $clientId})
RETURN c.clientId AS clientId, c.role AS role, c.scope AS scope, c.unit AS unit,
       coalesce(c.disabled, false) AS disabled
