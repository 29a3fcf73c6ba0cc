// Every connector's checkpoint, for `patent-hub connectors status`.
MATCH (s:ConnectorState)
RETURN s {.*} AS state
ORDER BY s.name
