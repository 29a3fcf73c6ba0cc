// The caller's uploads, newest first, keyset-paged on (createdAt, id).
MATCH (j:ImportJob)
WHERE ($scope.role = 'NATIONAL'
       OR (j.submittedBy = $subject AND j.actorRole = $scope.role
           AND coalesce(j.actorScope, '') = coalesce($actorScope, '')))
  AND ($afterAt IS NULL OR j.createdAt < datetime($afterAt)
       OR (j.createdAt = datetime($afterAt) AND j.id < $afterId))
RETURN j {.*} AS job
ORDER BY j.createdAt DESC, j.id DESC
LIMIT $limit
