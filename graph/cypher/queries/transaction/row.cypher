t {.*,
  appNo: head([(t)-[:OF_PATENT]->(q:Patent) | q.appNo]),
  sellerId: head([(t)-[:SELLER]->(si:Institution) | si.id]),
  buyerCode: head([(t)-[:BUYER]->(be:Enterprise) | be.creditCode])}
