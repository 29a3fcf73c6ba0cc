// A machine client of the hub's OAuth 2 server; the secret is stored hashed only.
CREATE (c:OAuthClient {
  clientId: $clientId,
  secretHash: $secretHash,
  role: $role,
  scope: $scope,
  name: $name,
  createdAt: datetime()
})
RETURN c.clientId AS clientId
