// The hub that runs these jobs is alive: their heartbeat, so no other hub reaps them.
UNWIND $ids AS id
MATCH (j:ImportJob {id: id})
WHERE j.status IN ['QUEUED', 'RUNNING']
SET j.beat = datetime()
