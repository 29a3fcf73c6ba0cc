// @neo4j/graphql 7 over the hub's graph: the peer the side-by-side bench compares with.
//
//   node server.mjs --port 0      (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)
//
// The type definitions describe the graph as the hub stores it (docs/graph-model.md), with
// nothing the peer would have to compute. Prints "READY <url>" once it listens.
import { parseArgs } from 'node:util';

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

const typeDefs = /* GraphQL */ `
  type Patent
    @node
    @fulltext(indexes: [{ indexName: "patent_text", queryName: "patentSearch", fields: ["title", "abstract"] }]) {
    appNo: String!
    title: String
    abstract: String
    type: String
    filingDate: Date
    grantDate: Date
    grantYear: Int
    legalStatus: String
    ipcMain: String
    provinceCode: String
    ministryCode: String
    institutionId: String
    transferable: Boolean
    openLicence: Boolean
    institutions: [Institution!]! @relationship(type: "OWNED_BY", direction: OUT)
    inventors: [Inventor!]! @relationship(type: "INVENTED", direction: IN)
  }

  type Institution @node {
    id: String!
    name: String!
    kind: String
    provinceCode: String
    ministryCode: String
    patents: [Patent!]! @relationship(type: "OWNED_BY", direction: IN)
  }

  type Inventor @node {
    id: String!
    name: String!
    patents: [Patent!]! @relationship(type: "INVENTED", direction: OUT)
  }
`;

const { values: opts } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const env = process.env;
const driver = neo4j.driver(
  env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD ?? ''),
  { disableLosslessIntegers: true },
);
const database = env.NEO4J_DATABASE ?? 'neo4j';
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(opts.port) },
  context: async () => ({ sessionConfig: { database } }),
});
console.log(`READY ${url}`);
