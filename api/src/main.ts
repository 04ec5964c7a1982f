#!/usr/bin/env node
/**
 * The API as its own process: `node api/dist/main.js`. Environment: API_PORT, API_HOST, API_ADMIN_TOKEN,
 * LOG_LEVEL, DATABASE_URL or READ_DB_DIR (read models), EVENTSTORE_URL or EVENTSTORE_PATH (event store).
 * Invalid configuration stops the process with a message naming each bad variable and exit code 2.
 */
import { ConfigError } from '@guildscope/contracts/config';
import { migrate, openReadDb } from '@guildscope/projections';
import { createEventStore, createWriteSide, eventStoreConfigFromEnv } from '@guildscope/write-side';
import pino from 'pino';
import { apiConfigFromEnv } from './config/api-config.js';
import { WriteSideModuleConfig } from './modules/write-side-module-config.adapter.js';
import { startApi } from './server/start-api.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof apiConfigFromEnv>;
  let eventStoreConfig: ReturnType<typeof eventStoreConfigFromEnv>;
  try {
    config = apiConfigFromEnv();
    eventStoreConfig = eventStoreConfigFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = pino({ name: 'api', level: config.logLevel });
  const eventStore = createEventStore({ ...eventStoreConfig, logger });
  const readDb = await openReadDb({ databaseUrl: config.databaseUrl, dataDir: config.readDbDir, logger });
  await migrate(readDb, { logger });
  const writeSide = await createWriteSide({ eventStore });
  if (!config.adminToken) {
    logger.warn('API_ADMIN_TOKEN is not set: only tokens created with `api tokens create` can sign in');
  }
  const api = await startApi({
    readDb,
    eventStore,
    modules: new WriteSideModuleConfig(writeSide, logger),
    logger,
    port: config.port,
    host: config.host,
    adminToken: config.adminToken,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await api.close();
    await writeSide.close();
    await eventStore.close();
    await readDb.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`api: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
