// Rows read so far, and the rows the file declares (null when it cannot tell).
MATCH (j:ImportJob {id: $id})
SET j.processed = $processed, j.total = coalesce($total, j.total)
