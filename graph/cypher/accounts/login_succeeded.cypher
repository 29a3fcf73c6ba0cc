// A successful login clears the failure count.
MATCH (u:UserAccount {username: $username})
SET u.failedLogins = 0, u.lockedUntil = null, u.lastLoginAt = datetime()
RETURN u.username AS username
