import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { UnauthenticatedError } from '@guildscope/contracts';
import type { EventStore } from '@guildscope/write-side';
import { GraphQLError, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import pino, { type Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { ApiTokenStore } from '../auth/api-token.store.js';
import type { Principal } from '../auth/principal.js';
import type { ApiContext, ApiDeps } from '../context.js';
import { createFormatError } from '../errors/format-error.js';
import { GuildCache } from '../guilds/guild-cache.js';
import { createLoaders } from '../loaders.js';
import type { ModuleConfigPort } from '../modules/module-config.port.js';
import type { ReadDb } from '../read-db.js';
import { buildResolvers } from '../resolvers.js';
import { loadSchemaSdl } from '../schema/load-schema.js';
import { defaultQueryLimits, type QueryLimits, queryLimitsRule } from '../schema/query-limits.rule.js';
import { CommitFeed } from '../subscriptions/commit-feed.js';
import { ApiMetrics } from './api-metrics.js';
import { graphiqlPage } from './graphiql.page.js';
import { handleGraphqlHttp, writeJson } from './graphql-http.handler.js';
import { createStaticSite } from './static-site.js';

export interface StartApiOptions {
  readonly readDb: ReadDb;
  readonly eventStore: EventStore;
  /** The write side's module configuration (queries, commands, change feed). Null: module fields answer an error. */
  readonly modules?: ModuleConfigPort | null;
  readonly logger?: Logger;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** API_ADMIN_TOKEN: bootstrap admin token (all guilds), never stored. */
  readonly adminToken?: string;
  readonly limits?: Partial<QueryLimits>;
  readonly now?: () => Date;
  /** Extra health facts (e.g. projection lag) merged into /healthz; `ok: false` makes it 503. */
  readonly health?: () => Promise<{ ok: boolean; [key: string]: unknown }>;
  /** Collect Node process metrics into /metrics (default true; tests turn it off). */
  readonly processMetrics?: boolean;
  /**
   * A built dashboard (SvelteKit static build) served at `/` on the same origin as `/graphql`. When set,
   * GraphiQL stays at `GET /graphql` (HTML) and every other HTML request gets the dashboard.
   */
  readonly webDir?: string;
}

export interface RunningApi {
  /** `http://host:port` */
  readonly url: string;
  /** `http://host:port/graphql` */
  readonly graphqlUrl: string;
  /** `ws://host:port/graphql` */
  readonly wsUrl: string;
  readonly port: number;
  readonly metrics: ApiMetrics;
  readonly tokens: ApiTokenStore;
  /** The live topics behind subscriptions (diagnostics; tests await `whenSubscribed`). */
  readonly live: CommitFeed;
  close(): Promise<void>;
}

/** Extracts the secret from `Bearer <token>` (or a bare token, for graphql-ws connection params). */
export function bearerSecret(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^\s*(?:Bearer\s+)?(\S+)\s*$/i.exec(value);
  return match ? (match[1] as string) : null;
}

function unauthenticated(): GraphQLError {
  const original = new UnauthenticatedError(
    'Missing or invalid API token: send "Authorization: Bearer <token>" (HTTP) or connectionParams { authorization } (WebSocket)',
  );
  return new GraphQLError(original.message, {
    originalError: original,
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/**
 * Starts the GraphQL API: queries and mutations over HTTP (Apollo Server 5 on node:http), subscriptions
 * over graphql-ws on the same port and path, `/healthz`, `/metrics`, and GraphiQL (offline) at `/`.
 */
export async function startApi(options: StartApiOptions): Promise<RunningApi> {
  const logger = options.logger ?? pino({ name: 'api' });
  const metrics = new ApiMetrics(options.processMetrics ?? true);
  const tokens = new ApiTokenStore(options.readDb, options.adminToken);
  const stopFollowingTokens = await tokens.followChanges();
  const feed = new CommitFeed(options.readDb, logger.child({ component: 'commit-feed' }), metrics);
  const guilds = new GuildCache(options.readDb);
  await guilds.start();
  const deps: ApiDeps = {
    readDb: options.readDb,
    eventStore: options.eventStore,
    modules: options.modules ?? null,
    tokens,
    feed,
    guilds,
    logger,
    now: options.now ?? (() => new Date()),
  };
  await feed.start(options.modules ?? null);

  const schema = makeExecutableSchema<ApiContext>({ typeDefs: loadSchemaSdl(), resolvers: buildResolvers() });
  const limitsRule = queryLimitsRule({ ...defaultQueryLimits, ...options.limits });
  const formatError = createFormatError(logger);

  const site = options.webDir ? createStaticSite(options.webDir) : null;
  // Rendered once, on first use (it inlines GraphiQL: several MB).
  let ide: Promise<string> | null = null;
  const httpServer: Server = createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 1_000_000 });

  const metricsPlugin: ApolloServerPlugin<ApiContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          metrics.operations.inc({ type, outcome: errors?.length ? 'error' : 'ok' });
          metrics.operationSeconds.observe({ type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError,
    validationRules: [limitsRule],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    logger,
    plugins: [
      // The landing page loads from a CDN (no internet here): GraphiQL, bundled, replaces it.
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are used; the plugin would wrap every field resolver (measurable per row).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      metricsPlugin,
    ],
  });
  await apollo.start();

  const authenticate = async (secret: string | null): Promise<Principal | null> =>
    secret ? tokens.authenticate(secret) : null;

  httpServer.on('request', (req, res) => {
    void route(req, res).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'HTTP request failed');
      if (!res.headersSent) writeJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/healthz' && req.method === 'GET') {
      const [readDb, eventStore, extra] = await Promise.all([
        options.readDb.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        options.eventStore.ping().catch(() => false),
        options.health
          ? options.health().catch((e: Error) => ({ ok: false, error: e.message }))
          : { ok: true },
      ]);
      const ok = readDb && eventStore && extra.ok;
      writeJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', readDb, eventStore, ...extra, ok });
      return;
    }
    if (path === '/metrics' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
      return;
    }
    const wantsHtml = req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
    if ((path === '/graphql' || (path === '/' && !site)) && wantsHtml) {
      ide ??= graphiqlPage(schema);
      const html = await ide;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    if (path === '/graphql') {
      await handleGraphqlHttp(apollo, req, res, async () => {
        const principal = await authenticate(bearerSecret(req.headers.authorization));
        if (!principal) throw unauthenticated();
        return { principal, deps, loaders: createLoaders(deps) };
      });
      return;
    }
    if (site?.(req, res)) return;
    writeJson(res, 404, { error: `No route ${req.method} ${path}: try /graphql, /healthz, /metrics` });
  }

  type WsExtra = { secret?: string | null };
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, limitsRule]),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const secret = bearerSecret(params.authorization ?? params.Authorization ?? params.token);
        const principal = await authenticate(secret);
        if (!principal) {
          ctx.extra.socket.close(4401, 'Unauthorized: missing or invalid API token in connectionParams');
          return false;
        }
        ctx.extra.secret = secret;
        metrics.wsConnections.inc();
        return true;
      },
      onDisconnect: () => {
        metrics.wsConnections.dec();
      },
      // Re-checked per operation, so a token revoked after connecting stops working for new subscriptions.
      context: async (ctx) => {
        const principal = await authenticate(ctx.extra.secret ?? null);
        if (!principal) throw unauthenticated();
        return { principal, deps, loaders: createLoaders(deps) } satisfies ApiContext;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) }
          : undefined,
      onSubscribe: () => {
        metrics.subscriptions.inc();
      },
      onComplete: () => {
        metrics.subscriptions.dec();
      },
    },
    wsServer,
  );

  const listenPort = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listenPort, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const url = `http://${hostForUrl}:${port}`;
  logger.info({ url }, 'GraphQL API listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    wsUrl: `ws://${hostForUrl}:${port}/graphql`,
    port,
    metrics,
    tokens,
    live: feed,
    close() {
      closing ??= (async () => {
        feed.closeAll();
        await wsCleanup.dispose();
        for (const client of wsServer.clients) client.terminate();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        setTimeout(() => httpServer.closeAllConnections(), 2000).unref();
        await closed;
        await apollo.stop();
        await feed.stop();
        await guilds.stop();
        await stopFollowingTokens();
        logger.info('GraphQL API stopped');
      })();
      return closing;
    },
  };
}
