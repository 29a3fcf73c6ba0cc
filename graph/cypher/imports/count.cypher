// How many uploads the caller sees (the rule of page.cypher).
MATCH (j:ImportJob)
WHERE $scope.role = 'NATIONAL'
   OR (j.submittedBy = $subject AND j.actorRole = $scope.role
       AND coalesce(j.actorScope, '') = coalesce($actorScope, ''))
RETURN count(j) AS n
