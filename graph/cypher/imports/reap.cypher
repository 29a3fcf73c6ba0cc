// Jobs whose hub stopped beating (killed, crashed, its machine gone) end FAILED.
MATCH (j:ImportJob)
WHERE j.status IN ['QUEUED', 'RUNNING']
  AND coalesce(j.beat, j.startedAt, j.createdAt) < datetime() - duration({seconds: $stale})
SET j.status = 'FAILED', j.finishedAt = datetime(), j.problems = $problems, j.problemCount = 1,
    j.report = false
RETURN j.id AS id
