// Jobs whose hub stopped beating (killed, crashed, its machine gone) end FAILED; never
// those of $mine, the jobs the reaping hub runs itself (a late beat does not kill them).
MATCH (j:ImportJob)
WHERE j.status IN ['QUEUED', 'RUNNING'] AND NOT j.id IN $mine
  AND coalesce(j.beat, j.startedAt, j.createdAt) < datetime() - duration({seconds: $stale})
SET j.status = 'FAILED', j.finishedAt = datetime(), j.problems = $problems, j.problemCount = 1,
    j.report = false
RETURN j.id AS id
