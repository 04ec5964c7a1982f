import { resolve } from 'node:path';
import { defineConfig, logLevel, port } from '@guildscope/contracts/config';
import { z } from 'zod';

/** The `web` container: the built dashboard and a same-origin proxy to the API. */
export const webServerConfig = defineConfig({
  subject: 'web',
  schema: z.object({
    API_URL: z.url({ error: 'must be a URL, e.g. http://api:4000' }).meta({
      description: 'the GraphQL API the dashboard talks to (proxied under the same origin)',
      accepts: 'a URL, e.g. http://api:4000',
      refuses: ['api 4000'],
    }),
    PORT: port().default(8080).describe('dashboard listen port'),
    HOST: z.string().default('127.0.0.1').describe('listen address'),
    WEB_DIR: z
      .string()
      .default(resolve(new URL('../../../web/build', import.meta.url).pathname))
      .meta({
        description: 'the built dashboard (SvelteKit static build)',
        defaultNote: '`web/build` of this checkout',
      }),
    LOG_LEVEL: logLevel(),
  }),
  toConfig: (c) => ({
    apiUrl: c.API_URL,
    port: c.PORT,
    host: c.HOST,
    webDir: c.WEB_DIR,
    logLevel: c.LOG_LEVEL,
  }),
});
