// One person's account by username, for a login.
MATCH (u:UserAccount {username: $username})
RETURN u.username AS username, u.name AS name, u.role AS role, u.scope AS scope,
       u.unit AS unit, u.passwordHash AS passwordHash, u.source AS source,
       coalesce(u.disabled, false) AS disabled, coalesce(u.failedLogins, 0) AS failedLogins,
       u.lockedUntil AS lockedUntil, coalesce(u.validAfter, 0) AS validAfter
