// A person who signed in through the single sign-on provider: their account is kept
// (without a password) so that it can be listed and disabled like any other.
MERGE (u:UserAccount {username: $username})
ON CREATE SET u.createdAt = datetime(), u.disabled = false, u.failedLogins = 0,
              u.validAfter = 0, u.source = 'oidc'
SET u.name = $name, u.role = $role, u.scope = $scope, u.unit = $unit,
    u.lastLoginAt = datetime()
RETURN u.username AS username, u.source AS source, coalesce(u.disabled, false) AS disabled
