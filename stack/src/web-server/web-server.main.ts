#!/usr/bin/env node
// The `web` container: the built dashboard plus a same-origin proxy to the API.
import { resolve } from 'node:path';
import { pino } from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { startWebServer } from './web-server.js';

const schema = z.object({
  API_URL: z.url({ message: 'must be the API base URL, e.g. http://api:4000' }),
  PORT: z.coerce.number().int().min(0).max(65535, 'must be a port number 0-65535').default(8080),
  HOST: z.string().default('127.0.0.1'),
  WEB_DIR: z.string().default(resolve(new URL('../../../web/build', import.meta.url).pathname)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

try {
  const config = loadConfig(schema, process.env);
  const logger = pino({ name: 'web', level: config.LOG_LEVEL });
  const web = await startWebServer({
    webDir: config.WEB_DIR,
    apiUrl: config.API_URL,
    port: config.PORT,
    host: config.HOST,
    logger,
  });
  logger.info({ url: web.url, api: config.API_URL }, 'dashboard served');
  const stop = () => void web.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
