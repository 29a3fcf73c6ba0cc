// The checkpoint of one connector, if it ever ran.
MATCH (s:ConnectorState {name: $name})
RETURN s {.*} AS state
