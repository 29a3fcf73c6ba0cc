// Forget a connector's checkpoint: its next run starts from the first page.
MATCH (s:ConnectorState {name: $name})
DELETE s
