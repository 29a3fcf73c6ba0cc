// A machine client of the hub's OAuth 2 server; the secret is stored hashed only. Its
// client id is the sub claim of its tokens (hub/auth/account_state.py checks it).
CREATE (c:OAuthClient {
  clientId: $clientId,
  secretHash: $secretHash,
  role: $role,
  scope: $scope,
  name: $name,
  disabled: false,
  validAfter: 0,
  createdAt: datetime()
})
RETURN c.clientId AS clientId
