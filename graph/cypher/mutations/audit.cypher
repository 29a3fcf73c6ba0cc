// One audit entry, written in the same transaction as the change it records.
CREATE (a:AuditEntry {
  id: $id, at: datetime(), actorRole: $actorRole, actorScope: $actorScope,
  actorSubject: $actorSubject, action: $action, target: $target, args: $args,
  requestId: $requestId
})
RETURN a.id AS id
