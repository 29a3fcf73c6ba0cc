// The stored roll-ups of the institutions $ids (graph/rollups.py adds a write's delta).
UNWIND $ids AS id
MATCH (r:InstitutionRollup {institutionId: id})
RETURN id, properties(r) AS r
