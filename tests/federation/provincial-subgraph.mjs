// A provincial platform's own subgraph (浙江 by default): it knows nothing of the hub's
// data but the patent key, and adds its local listing to the hub's Patent entity.
//
//   node provincial-subgraph.mjs --port 0 --listings listings.json [--province 33] [--paged]
//
// --paged: the platform also pages its listings with a PageInfo of its own, a value type it
// shares with the hub (both mark it @shareable, or composition fails with
// INVALID_FIELD_SHARING).
// listings.json: [{"appNo", "platformId", "listedAt", "localPrice"}]. Prints
// "READY <url>" on stdout once it listens (port 0 picks a free port).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    listings: { type: 'string' },
    province: { type: 'string', default: '33' },
    platform: { type: 'string', default: '浙江省专利转化平台' },
    // The hub's type of Patent.appNo: key fields must agree across subgraphs.
    'key-type': { type: 'string', default: 'String!' },
    paged: { type: 'boolean', default: false },
  },
});

const rows = opts.listings ? JSON.parse(readFileSync(opts.listings, 'utf8')) : [];
const listings = new Map(rows.map((row) => [row.appNo, row]));

const paged = opts.paged
  ? `
  "Where a page stands: the same (Relay) value type as the hub's."
  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  "One page of the platform's listings."
  type ProvincialListingPage {
    nodes: [ProvincialListing!]!
    pageInfo: PageInfo!
  }

  extend type Query {
    "The listings, a page at a time (after: the endCursor of the page before)."
    provincialListingPage(first: Int! = 10, after: String): ProvincialListingPage!
  }
`
  : '';

const typeDefs = parse(`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

  "The hub's patent, seen by the provincial platform: the key and its local listing."
  type Patent @key(fields: "appNo") {
    appNo: ${opts['key-type']}
    provincialListing: ProvincialListing
  }

  "A patent listed on the provincial platform (挂牌)."
  type ProvincialListing {
    platformId: String!
    platform: String!
    provinceCode: String!
    listedAt: String!
    localPrice: Float
    patent: Patent!
  }

  type Query {
    "Every listing of the platform, newest first."
    provincialListings: [ProvincialListing!]!
  }
${paged}`);

function listing(row) {
  return {
    platformId: row.platformId,
    platform: opts.platform,
    provinceCode: opts.province,
    listedAt: row.listedAt,
    localPrice: row.localPrice ?? null,
    patent: { appNo: row.appNo },
  };
}

const newestFirst = () =>
  [...listings.values()].sort((a, b) => b.listedAt.localeCompare(a.listedAt)).map(listing);

function page(_, { first, after }) {
  const all = newestFirst();
  const start = after ? Number(after) : 0;
  const nodes = all.slice(start, start + first);
  const end = start + nodes.length;
  const pageInfo = {
    hasNextPage: end < all.length,
    hasPreviousPage: start > 0,
    startCursor: nodes.length ? String(start) : null,
    endCursor: nodes.length ? String(end) : null,
  };
  return { nodes, pageInfo };
}

const resolvers = {
  Query: {
    provincialListings: newestFirst,
    ...(opts.paged ? { provincialListingPage: page } : {}),
  },
  Patent: {
    __resolveReference: ({ appNo }) => ({ appNo }),
    provincialListing: ({ appNo }) => (listings.has(appNo) ? listing(listings.get(appNo)) : null),
  },
};

const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(opts.port) },
});
console.log(`READY ${url}`);
