// The audit trail, newest first, keyset-paged on (at, id).
MATCH (a:AuditEntry)
WHERE ($action IS NULL OR a.action = $action)
  AND ($actor IS NULL OR a.actorScope = $actor OR a.actorSubject = $actor OR a.actorRole = $actor)
  AND ($afterAt IS NULL OR a.at < datetime($afterAt)
       OR (a.at = datetime($afterAt) AND a.id < $afterId))
RETURN a {.id, .actorRole, .actorScope, .actorSubject, .action, .target, .args, .requestId,
          at: toString(a.at)} AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
