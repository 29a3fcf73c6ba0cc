// A new password hash; sessions issued before now end, a lock is lifted.
MATCH (u:UserAccount {username: $username})
SET u.passwordHash = $passwordHash, u.validAfter = $now, u.failedLogins = 0,
    u.lockedUntil = null
RETURN u.username AS username
