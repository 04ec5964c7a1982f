import { apiConfig } from '@guildscope/api';
import { botConfig, shardingConfig } from '@guildscope/bot';
import type { ConfigDefinition, EnvSchema } from '@guildscope/contracts/config';
import { gatewayConfig } from '@guildscope/gateway';
import { projectionsCliConfig, projectionsWorkerConfig, readDbConfig } from '@guildscope/projections';
import { eventStoreConfig } from '@guildscope/write-side';
import { replayConfig } from '../replay/replay.config.js';
import { startConfig } from '../start/start-config.js';
import { webServerConfig } from '../web-server/web-server.config.js';
import { serverConfig } from './server-config.js';

/** One process and the configurations it reads at start. */
export interface ProcessConfiguration {
  readonly process: string;
  /** How it is started. */
  readonly run: string;
  readonly reads: readonly ConfigDefinition<EnvSchema, unknown>[];
}

/** Every process of the product, for the generated table in docs/configuration.md. */
export const processConfigurations: readonly ProcessConfiguration[] = [
  { process: 'npm start', run: '`npm start`', reads: [startConfig] },
  { process: 'server', run: '`npm run start:server` (started by `npm start`)', reads: [serverConfig] },
  { process: 'gateway', run: '`npm run start:gateway`', reads: [gatewayConfig, eventStoreConfig] },
  {
    process: 'projections',
    run: '`npm run start:projections`',
    reads: [projectionsWorkerConfig, eventStoreConfig],
  },
  {
    process: 'projections CLI',
    run: '`node projections/dist/cli.js`',
    reads: [projectionsCliConfig, eventStoreConfig],
  },
  {
    process: 'api',
    run: '`npm run start:api`, `node api/dist/cli.js`',
    reads: [apiConfig, eventStoreConfig],
  },
  { process: 'web', run: '`node stack/dist/web-server/web-server.main.js`', reads: [webServerConfig] },
  { process: 'bot', run: '`npm run start:bot` (and each shard)', reads: [botConfig] },
  { process: 'bot sharding', run: '`node bot/dist/sharded.js`', reads: [shardingConfig] },
  { process: 'replay', run: '`npm run replay`', reads: [replayConfig, eventStoreConfig, readDbConfig] },
];
