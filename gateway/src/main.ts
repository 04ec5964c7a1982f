import { ConfigError } from '@guildscope/contracts/config';
import { createEventStore, eventStoreConfigFromEnv } from '@guildscope/write-side';
import { pino } from 'pino';
import { gatewayConfigFromEnv } from './gateway.config.js';
import { startGateway } from './gateway.server.js';

/** The gateway process: `node gateway/dist/main.js` with the environment described in gateway/README.md. */
async function main(): Promise<void> {
  let config: ReturnType<typeof gatewayConfigFromEnv>;
  let storeConfig: ReturnType<typeof eventStoreConfigFromEnv>;
  try {
    config = gatewayConfigFromEnv();
    storeConfig = eventStoreConfigFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const eventStore = createEventStore({ ...storeConfig, logger });
  const gateway = await startGateway({
    port: config.port,
    host: config.host,
    eventStore,
    credentials: config.credentials,
    limits: config.limits,
    logger,
  });
  logger.info({ url: gateway.url, bots: [...config.credentials.keys()] }, 'gateway ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'gateway stopping');
    await gateway.close();
    await eventStore.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway: failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
