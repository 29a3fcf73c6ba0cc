// One upload, when the caller may see it: NATIONAL every job, any other account its own.
MATCH (j:ImportJob {id: $id})
WHERE $scope.role = 'NATIONAL'
   OR (j.submittedBy = $subject AND j.actorRole = $scope.role
       AND coalesce(j.actorScope, '') = coalesce($actorScope, ''))
RETURN j {.*} AS job
