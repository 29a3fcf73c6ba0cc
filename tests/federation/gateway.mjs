// A standard Apollo gateway over the hub and a provincial subgraph.
//
//   node gateway.mjs --port 0 hub=http://127.0.0.1:8000/graphql zhejiang=http://127.0.0.1:4001/
//
// Composes the subgraphs once at start (exits 1 with the composition errors if they do
// not compose), then serves the supergraph from a static `supergraphSdl`. The caller's
// Authorization header goes on to every subgraph, so the hub applies the caller's scope
// to every field it resolves, whether asked directly or through `_entities`.
// Prints "READY <url>" on stdout once it listens.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

import { gatewayStart } from './compose.mjs';

const { port, supergraphSdl } = await gatewayStart('apollo');

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) {
      request.http.headers.set('authorization', context.authorization);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`READY ${url}`);
