// Every OAuth client, for `patent-hub accounts list` (never the secret hash).
MATCH (c:OAuthClient)
RETURN c.clientId AS clientId, c.role AS role, c.scope AS scope, c.name AS name,
       coalesce(c.disabled, false) AS disabled, toString(c.createdAt) AS createdAt
ORDER BY c.createdAt, c.clientId
