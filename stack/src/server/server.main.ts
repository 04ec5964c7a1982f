#!/usr/bin/env node
import { ConfigError } from '@guildscope/contracts/config';
// The embedded server process (`npm run start:server`): gateway + write side + projections + API + dashboard.
import { pino } from 'pino';
import { serverConfigFromEnv } from '../config/server-config.js';
import { startServer } from './embedded-server.js';

const logger = pino({ name: 'guildscope-server', level: 'info' });

try {
  const config = serverConfigFromEnv();
  logger.level = config.logLevel;
  const server = await startServer(config, logger);
  logger.info({ api: server.apiUrl, gateway: server.gatewayUrl }, 'server ready');
  // One machine-readable line for the orchestrator (npm start) and for scripts.
  process.stdout.write(
    `${JSON.stringify({ ready: true, apiUrl: server.apiUrl, gatewayUrl: server.gatewayUrl })}\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping server');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'server failed to start');
  process.exit(1);
}
