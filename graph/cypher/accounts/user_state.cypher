// What a session needs to stay valid: the account exists, is enabled, and its
// sessions issued before validAfter (epoch seconds) have been ended.
MATCH (u:UserAccount {username: $username})
RETURN u.username AS username, u.name AS name, u.role AS role, u.scope AS scope,
       u.unit AS unit, coalesce(u.disabled, false) AS disabled,
       coalesce(u.validAfter, 0) AS validAfter
