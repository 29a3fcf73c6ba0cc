// The worker took the job.
MATCH (j:ImportJob {id: $id})
SET j.status = 'RUNNING', j.startedAt = datetime(), j.pid = $pid
