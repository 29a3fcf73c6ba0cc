// Composition of the hub with provincial subgraphs, the way a standard Apollo
// gateway does it: each subgraph's SDL from its own `_service { sdl }`, composed
// with @apollo/composition. Failure is loud: every composition error is reported.
//
//   node compose.mjs hub=http://127.0.0.1:8000/graphql zhejiang=http://127.0.0.1:4001/
//
// prints the supergraph SDL, or the errors on stderr and exits 1 (`--composer guild` composes
// with The Guild's @theguild/federation-composition, which Hive Gateway uses, instead). The hub describes its
// schema to authenticated callers only (PATENT_HUB_SCHEMA_ACCESS): the SDL requests carry
// SUBGRAPH_AUTHORIZATION (e.g. "Bearer <token>") as their Authorization header when set.
import { composeServices as apolloCompose } from '@apollo/composition';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';

export class CompositionFailed extends Error {
  constructor(errors) {
    super(
      `composition failed with ${errors.length} error(s):\n` +
        errors.map((e) => `  - ${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'),
    );
    this.errors = errors;
  }
}

/** The headers of the SDL requests: the gateway's own credentials, when given. */
export function sdlHeaders() {
  const authorization = process.env.SUBGRAPH_AUTHORIZATION;
  return authorization ? { authorization } : {};
}

/** The SDL a federation subgraph publishes under `_service { sdl }`. */
export async function fetchSdl(url, headers = sdlHeaders()) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
  const sdl = body?.data?._service?.sdl;
  if (!sdl) {
    throw new Error(`${url} published no SDL: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return sdl;
}

/** Parse "name=url" command-line arguments. */
export function parseServices(args) {
  return args.map((arg) => {
    const at = arg.indexOf('=');
    if (at <= 0) throw new Error(`expected name=url, got ${JSON.stringify(arg)}`);
    return { name: arg.slice(0, at), url: arg.slice(at + 1) };
  });
}

const COMPOSERS = { apollo: apolloCompose, guild: guildCompose };

/** Fetch every subgraph's SDL and compose them with `composer` (`apollo` or `guild`);
 * throws CompositionFailed. */
export async function composeSupergraph(services, { headers = sdlHeaders(), composer = 'apollo' } = {}) {
  const composeServices = COMPOSERS[composer];
  if (!composeServices) throw new Error(`unknown composer ${JSON.stringify(composer)}`);
  const definitions = [];
  for (const { name, url } of services) {
    definitions.push({ name, url, typeDefs: parse(await fetchSdl(url, headers)) });
  }
  const result = composeServices(definitions);
  if (result.errors) throw new CompositionFailed(result.errors);
  return result.supergraphSdl;
}

/**
 * What both gateway scripts do at start: read `--port`, `--supergraph FILE` and the
 * `name=url` subgraphs from the command line, compose with `composer`, write the
 * supergraph to FILE when asked; on failure print the errors and exit 1.
 */
export async function gatewayStart(composer) {
  const { values: opts, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      supergraph: { type: 'string' },
    },
  });
  let supergraphSdl;
  try {
    supergraphSdl = await composeSupergraph(parseServices(positionals), { composer });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (opts.supergraph) writeFileSync(opts.supergraph, supergraphSdl);
  return { port: Number(opts.port), supergraphSdl };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let composer = 'apollo';
  if (args[0] === '--composer') {
    composer = args[1];
    args.splice(0, 2);
  }
  try {
    process.stdout.write(await composeSupergraph(parseServices(args), { composer }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
