// Every person's account, for `patent-hub users list` (no hashes).
MATCH (u:UserAccount)
RETURN u.username AS username, u.name AS name, u.role AS role, u.scope AS scope,
       u.unit AS unit, u.source AS source, coalesce(u.disabled, false) AS disabled,
       coalesce(u.failedLogins, 0) AS failedLogins, u.lockedUntil AS lockedUntil,
       toString(u.lastLoginAt) AS lastLoginAt
ORDER BY u.username
