// A transaction as returned. The keys of its patent, seller and buyer are as private as
// those nodes: each is null unless the caller may see the node (the same scope rule).
t {.*,
  appNo: head([(t)-[:OF_PATENT]->(kp:Patent) WHERE {{scope.patent:kp}} | kp.appNo]),
  sellerId: head([(t)-[:SELLER]->(ki:Institution) WHERE {{scope.institution:ki}} | ki.id]),
  buyerCode: head([(t)-[:BUYER]->(ke:Enterprise) WHERE {{scope.enterprise:ke}} | ke.creditCode])}
