import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type GraphQLSchema, introspectionFromSchema } from 'graphql';

/** What GraphiQL opens with the first time (later visits restore the user's tabs). */
const defaultQuery = `{
  viewer { role allGuilds guildIds }
  guilds { id name memberCount }
}
`;

/** JSON for an inline script: `<` escaped, so no string in it can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * GraphiQL (Yoga's bundle, inlined by `@graphql-yoga/render-graphiql`: no CDN, works offline) with a
 * fetcher for this API. Yoga's own `renderGraphiQL` cannot be used as is: its options are serialised to
 * JSON (no fetcher function) and its WebSocket client sends no `connectionParams` from the headers editor,
 * while this API authenticates subscriptions by `connectionParams.authorization` only. So queries and
 * mutations are POSTed with the editor's headers, and subscriptions go through a graphql-ws client (its
 * browser build) per Authorization value.
 *
 * The page carries the schema's introspection (the SDL this package ships): GraphiQL's own introspection
 * query is deeper and costlier than the query limits allow (schema/query-limits.rule.ts), and those limits
 * stay as they are for every caller.
 */
export async function graphiqlPage(schema: GraphQLSchema): Promise<string> {
  // Loaded on first use: the bundle is several MB, and most API processes never serve the page.
  const { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } = await import(
    '@graphql-yoga/render-graphiql/graphiql'
  );
  const graphqlWsBrowser = readFileSync(
    join(dirname(createRequire(import.meta.url).resolve('graphql-ws/package.json')), 'umd/graphql-ws.min.js'),
    'utf8',
  );
  const options = {
    title: 'Guildscope GraphQL',
    defaultQuery,
    headers: JSON.stringify({ Authorization: 'Bearer <API token>' }, null, 2),
    schema: introspectionFromSchema(schema),
  };
  // The worker sources and the options are JSON string literals; the bundles are scripts as shipped.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>${options.title}</title>
<link rel="icon" href="${favicon}" />
<style>${css}</style>
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript.</noscript>
<div id="root"></div>
<script>${graphqlWsBrowser}</script>
<script>
const workers = {
  editorWorkerService: ${scriptJson(editorWorkerService)},
  json: ${scriptJson(jsonWorker)},
  graphql: ${scriptJson(graphqlWorker)},
};
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) =>
    URL.createObjectURL(new Blob([workers[label]], { type: 'application/javascript' })),
};
${js};
const endpoint = location.origin + '/graphql';
const wsClients = new Map();
function wsClient(authorization) {
  if (!wsClients.has(authorization)) {
    const url = endpoint.replace(/^http/, 'ws');
    wsClients.set(authorization, graphqlWs.createClient({ url, connectionParams: { authorization } }));
  }
  return wsClients.get(authorization);
}
function isSubscription(params, documentAST) {
  return (documentAST?.definitions ?? []).some((d) => d.kind === 'OperationDefinition' &&
    d.operation === 'subscription' && (!params.operationName || d.name?.value === params.operationName));
}
function fetcher(params, opts) {
  const headers = opts?.headers ?? {};
  if (isSubscription(params, opts?.documentAST)) {
    return wsClient(headers.Authorization ?? headers.authorization ?? '').iterate(params);
  }
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(params),
  }).then((res) => res.json());
}
YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), { ...${scriptJson(options)}, fetcher });
</script>
</body>
</html>
`;
}
