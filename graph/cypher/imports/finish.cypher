// The job's end: its status, counts, problems (JSON text) and whether a report file exists.
MATCH (j:ImportJob {id: $id})
WHERE j.status IN ['QUEUED', 'RUNNING']
SET j.status = $status, j.finishedAt = datetime(), j.counts = $counts,
    j.problems = $problems, j.problemCount = $problemCount, j.report = $report,
    j.processed = coalesce($processed, j.processed)
RETURN j.id AS id
