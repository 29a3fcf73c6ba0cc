// An evaluation as returned. The keys of its patent and evaluator are as private as those
// nodes: each is null unless the caller may see the node (the same scope rule).
v {.*,
  appNo: head([(v)-[:EVALUATES]->(kp:Patent) WHERE {{scope.patent:kp}} | kp.appNo]),
  enterpriseCode: head([(v)<-[:SUBMITTED]-(ke:Enterprise) WHERE {{scope.enterprise:ke}} | ke.creditCode]),
  expertId: head([(v)<-[:SUBMITTED]-(kx:Expert) WHERE {{scope.expert:kx}} | kx.id])}
