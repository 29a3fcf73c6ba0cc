v {.*,
  appNo: head([(v)-[:EVALUATES]->(q:Patent) | q.appNo]),
  enterpriseCode: head([(v)<-[:SUBMITTED]-(se:Enterprise) | se.creditCode]),
  expertId: head([(v)<-[:SUBMITTED]-(sx:Expert) | sx.id])}
