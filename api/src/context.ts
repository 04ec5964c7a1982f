import type { EventStore } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { ApiTokenStore } from './auth/api-token.store.js';
import type { Principal } from './auth/principal.js';
import type { GuildCache } from './guilds/guild-cache.js';
import type { Loaders } from './loaders.js';
import type { ModuleConfigPort } from './modules/module-config.port.js';
import type { ReadDb } from './read-db.js';
import type { CommitFeed } from './subscriptions/commit-feed.js';

/** Everything resolvers use; built once by startApi and passed in (no module singletons). */
export interface ApiDeps {
  readonly readDb: ReadDb;
  readonly eventStore: EventStore;
  readonly modules: ModuleConfigPort | null;
  readonly tokens: ApiTokenStore;
  readonly feed: CommitFeed;
  /** Guild registry rows, cached until the guilds projection reports a change. */
  readonly guilds: GuildCache;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** Per operation (one HTTP request, or one subscription). */
export interface ApiContext {
  readonly principal: Principal;
  readonly deps: ApiDeps;
  readonly loaders: Loaders;
}
