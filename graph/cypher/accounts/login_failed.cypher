// One more failed login; at $maxFailures in a row the account is locked until $lockUntil.
// A lock that has run out starts the count again.
MATCH (u:UserAccount {username: $username})
WITH u, CASE WHEN u.lockedUntil IS NOT NULL AND u.lockedUntil <= $now THEN 0
             ELSE coalesce(u.failedLogins, 0) END + 1 AS failures
SET u.failedLogins = failures,
    u.lockedUntil = CASE WHEN failures >= $maxFailures THEN $lockUntil ELSE null END
RETURN failures, u.lockedUntil AS lockedUntil
