#!/usr/bin/env node
// The projections role as its own process (`npm run start:projections`, the `projections` container).
import { createEventStore, eventStoreConfigFromEnv } from '@guildscope/write-side';
import { pino } from 'pino';
import { openReadDb } from './read-db/read-db.factory.js';
import { startProjectionsWorker } from './worker/projections-worker.js';

const logger = pino({ name: 'projections', level: process.env.LOG_LEVEL ?? 'info' });

function portFrom(env: NodeJS.ProcessEnv): number {
  const text = env.PORT ?? '4002';
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535)
    throw new RangeError(`PORT must be a port number 0-65535, got "${text}"`);
  return port;
}

function retentionFrom(env: NodeJS.ProcessEnv): number {
  const text = env.RETENTION_RAW_DAYS ?? '90';
  if (!/^[1-9]\d{0,4}$/.test(text))
    throw new RangeError(`RETENTION_RAW_DAYS must be a whole number of days >= 1, got "${text}"`);
  return Number(text);
}

try {
  const port = portFrom(process.env);
  const retentionRawDays = retentionFrom(process.env);
  const eventStore = createEventStore({ ...eventStoreConfigFromEnv(process.env), logger });
  const readDb = await openReadDb({
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    dataDir: process.env.READ_DB_DIR ?? './data/timescale',
    logger,
  });
  const worker = await startProjectionsWorker({
    eventStore,
    readDb,
    logger,
    port,
    host: process.env.HOST ?? '127.0.0.1',
    retentionRawDays,
  });
  logger.info({ url: worker.url }, 'projections worker ready');
  const stop = () => {
    worker
      .close()
      .then(() => readDb.close())
      .then(() => eventStore.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof RangeError || (error as Error).name.endsWith('ConfigError')) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'projections worker failed to start');
  process.exit(1);
}
