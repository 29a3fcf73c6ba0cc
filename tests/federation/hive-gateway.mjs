// Hive Gateway over the hub and a provincial subgraph: the other gateway provinces run.
//
//   node hive-gateway.mjs --port 0 hub=http://127.0.0.1:8000/graphql zhejiang=http://127.0.0.1:4001/
//
// Composes the subgraphs once at start with The Guild's composition (exits 1 with the
// composition errors if they do not compose), then serves the supergraph with Hive
// Gateway's runtime. Usage reporting stays off (no `reporting` is configured) and the
// landing page and GraphiQL are off, so nothing is fetched from outside. The caller's
// Authorization header goes on to every subgraph, as with the Apollo gateway.
// Prints "READY <url>" on stdout once it listens.
import { createServer } from 'node:http';

import { createGatewayRuntime } from '@graphql-hive/gateway';

import { gatewayStart } from './compose.mjs';

const { port, supergraphSdl } = await gatewayStart('guild');

const gateway = createGatewayRuntime({
  supergraph: supergraphSdl,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
});

const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => {
  console.log(`READY http://127.0.0.1:${server.address().port}/graphql`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    gateway.dispose().finally(() => process.exit(0));
  });
}
