// A new upload, queued: who sent which file for which kind.
CREATE (j:ImportJob {
  id: $id, kind: $kind, status: $status, fileName: $fileName, sha256: $sha256, size: $size,
  format: $format, createdAt: datetime(), submittedBy: $subject, actorRole: $role,
  actorScope: $scope, actorUnit: $unit, dryRun: $dryRun, acceptValid: $acceptValid,
  processed: 0, total: null, problems: $problems, counts: $counts, requestId: $requestId, beat: datetime()
})
SET j.finishedAt = CASE WHEN $status IN ['SUCCEEDED', 'FAILED'] THEN datetime() END
RETURN j {.*} AS job
