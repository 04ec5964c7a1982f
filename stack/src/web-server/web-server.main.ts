#!/usr/bin/env node
// The `web` container: the built dashboard plus a same-origin proxy to the API.
import { ConfigError } from '@guildscope/contracts/config';
import { pino } from 'pino';
import { webServerConfig } from './web-server.config.js';
import { startWebServer } from './web-server.js';

try {
  const config = webServerConfig.load();
  const logger = pino({ name: 'web', level: config.logLevel });
  const web = await startWebServer({
    webDir: config.webDir,
    apiUrl: config.apiUrl,
    port: config.port,
    host: config.host,
    logger,
  });
  logger.info({ url: web.url, api: config.apiUrl }, 'dashboard served');
  const stop = () => void web.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
