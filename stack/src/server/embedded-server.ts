import { type RunningApi, startApi, WriteSideModuleConfig } from '@guildscope/api';
import { parseBotCredentials, type RunningGateway, startGateway } from '@guildscope/gateway';
import {
  allProjections,
  migrate,
  openReadDb,
  type ProjectionProgress,
  ProjectionRunner,
  type ReadDb,
  scheduleRetention,
} from '@guildscope/projections';
import { createEventStore, createWriteSide, type EventStore, type WriteSide } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/server-config.js';

export interface RunningServer {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly eventStore: EventStore;
  readonly readDb: ReadDb;
  readonly writeSide: WriteSide;
  readonly runner: ProjectionRunner;
  readonly api: RunningApi;
  readonly gateway: RunningGateway;
  /** Stops accepting bots and API calls, lets projections finish their batch, closes the engines. */
  close(): Promise<void>;
}

/**
 * The embedded profile's single server process: event store, write side, gateway, projection runner and
 * GraphQL API (serving the built dashboard when `webDir` is set) sharing one SQLite event store and one
 * read database, so live notifications stay in-process.
 */
export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  if (!config.botTokens)
    throw new Error('GATEWAY_BOT_TOKENS is required: "botId:sha256hex,..." (npm start generates one)');
  const credentials = parseBotCredentials(config.botTokens);

  const eventStore = await createEventStore(
    config.eventStoreUrl
      ? { url: config.eventStoreUrl, logger: logger.child({ component: 'event-store' }) }
      : { path: config.eventStorePath, logger: logger.child({ component: 'event-store' }) },
  );
  const readDb = await openReadDb({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.readDbDir }),
    logger: logger.child({ component: 'read-db' }),
  });
  const { applied } = await migrate(readDb);
  if (applied.length > 0) logger.info({ applied }, 'read-model migrations applied');

  const writeSide = await createWriteSide({ eventStore });
  const runner = new ProjectionRunner({
    eventStore,
    db: readDb,
    projections: allProjections(),
    logger: logger.child({ component: 'projections' }),
    onProgress: catchUpLogger(logger),
  });
  runner.start();

  const gateway = await startGateway({
    port: config.gatewayPort,
    host: config.host,
    eventStore,
    credentials,
    writeSide,
    logger,
  });
  const api = await startApi({
    port: config.apiPort,
    host: config.host,
    readDb,
    eventStore,
    modules: new WriteSideModuleConfig(writeSide, logger),
    logger: logger.child({ component: 'api' }),
    ...(config.adminToken ? { adminToken: config.adminToken } : {}),
    ...(config.webDir ? { webDir: config.webDir } : {}),
    health: async () => {
      const projections = await runner.status();
      return { ok: projections.every((p) => p.state !== 'failed'), projections };
    },
  });

  const stopRetention = scheduleRetention(readDb, config.retentionRawDays, logger);

  let closing: Promise<void> | undefined;
  return {
    apiUrl: api.url,
    gatewayUrl: gateway.url,
    eventStore,
    readDb,
    writeSide,
    runner,
    api,
    gateway,
    close() {
      closing ??= (async () => {
        stopRetention();
        await gateway.close();
        await api.close();
        await runner.stop();
        await writeSide.close();
        await readDb.close();
        await eventStore.close();
      })();
      return closing;
    },
  };
}

/**
 * Logs a projection's catch-up at most every 5 s (and once when it goes live), per projection: progress
 * is reported after every batch, far too often for a log line each.
 */
function catchUpLogger(logger: Logger): (p: ProjectionProgress) => void {
  const lastLogged = new Map<string, number>();
  return (p) => {
    const last = lastLogged.get(p.projection);
    if (p.state === 'catching-up') {
      if (last !== undefined && Date.now() - last < 5_000) return;
      lastLogged.set(p.projection, Date.now());
      logger.info({ ...p }, 'projection catching up');
    } else if (p.state === 'live' && last !== undefined) {
      lastLogged.delete(p.projection);
      logger.info({ ...p }, 'projection caught up');
    }
  };
}
