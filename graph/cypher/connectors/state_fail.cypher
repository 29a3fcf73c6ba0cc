// A connector that could not run (its configuration): FAILED with the reason; the cursor,
// page and records of its last run are kept.
MERGE (s:ConnectorState {name: $name})
SET s.status = 'FAILED', s.lastError = $lastError, s.updatedAt = datetime(),
    s.page = coalesce(s.page, 0), s.records = coalesce(s.records, 0)
RETURN s {.*} AS state
