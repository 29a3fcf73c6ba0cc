// Store a connector's checkpoint: where the next run starts, and how the last one ended.
MERGE (s:ConnectorState {name: $name})
SET s.province = $province, s.cursor = $cursor, s.page = $page, s.records = $records,
    s.lastPageRecords = $tail, s.status = $status, s.lastError = $lastError,
    s.updatedAt = datetime()
RETURN s {.*} AS state
