// One upload for the import worker (no scope: the worker runs the job it was given).
MATCH (j:ImportJob {id: $id})
RETURN j {.*} AS job
