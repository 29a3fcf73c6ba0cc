// Disable or enable a person; disabling also ends every session issued before now.
MATCH (u:UserAccount {username: $username})
SET u.disabled = $disabled,
    u.validAfter = CASE WHEN $disabled THEN $now ELSE coalesce(u.validAfter, 0) END,
    u.failedLogins = 0, u.lockedUntil = null
RETURN u.username AS username
