#!/usr/bin/env node
// The projections role as its own process (`npm run start:projections`, the `projections` container).
import { ConfigError } from '@guildscope/contracts/config';
import { createEventStore, eventStoreConfigFromEnv } from '@guildscope/write-side';
import { pino } from 'pino';
import { openReadDb } from './read-db/read-db.factory.js';
import { projectionsWorkerConfig } from './worker/projections-worker.config.js';
import { startProjectionsWorker } from './worker/projections-worker.js';

const logger = pino({ name: 'projections', level: 'info' });

try {
  const config = projectionsWorkerConfig.load();
  const storeConfig = eventStoreConfigFromEnv();
  logger.level = config.logLevel;
  const eventStore = createEventStore({ ...storeConfig, logger });
  const readDb = await openReadDb({ ...config.readDb, logger });
  const worker = await startProjectionsWorker({
    eventStore,
    readDb,
    logger,
    port: config.port,
    host: config.host,
    retentionRawDays: config.retentionRawDays,
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
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'projections worker failed to start');
  process.exit(1);
}
