// A machine client of the hub's OAuth 2 server; the secret is stored hashed only. It is
// an :Account whose subject is its client id (the sub claim of its tokens).
CREATE (c:OAuthClient:Account {
  clientId: $clientId,
  subject: $clientId,
  secretHash: $secretHash,
  role: $role,
  scope: $scope,
  name: $name,
  disabled: false,
  createdAt: datetime()
})
RETURN c.clientId AS clientId
