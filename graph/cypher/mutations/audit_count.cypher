MATCH (a:AuditEntry)
WHERE ($action IS NULL OR a.action = $action)
  AND ($actor IS NULL OR a.actorScope = $actor OR a.actorSubject = $actor OR a.actorRole = $actor)
RETURN count(a) AS total
