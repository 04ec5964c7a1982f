import {
  type GuildModuleConfigs,
  isSnowflake,
  type ModuleConfig,
  type ModuleConfigsSnapshot,
  type ModuleConfigView,
  type ModuleId,
  ValidationError,
} from '@guildscope/contracts';
import { Query } from '@nestjs/cqrs';
import { type EventStore, formatPosition } from '../event-store/event-store.port.js';
import { loadModuleConfig } from './module-config.aggregate.js';

/** Most guilds one query may ask for (a shard serves at most 2,500; a bot handshake at most 10,000). */
export const MAX_QUERY_GUILDS = 10_000;

/** The current configuration of every module of a set of guilds, consistent at one global position. */
export class GetModuleConfigs extends Query<ModuleConfigsSnapshot> {
  constructor(readonly guildIds: readonly string[]) {
    super();
  }
}

export async function readModuleConfigs(
  eventStore: EventStore,
  guildIds: readonly string[],
): Promise<ModuleConfigsSnapshot> {
  if (guildIds.length > MAX_QUERY_GUILDS)
    throw new ValidationError(`Too many guilds: ${guildIds.length}; the limit is ${MAX_QUERY_GUILDS}`);
  const unique = [...new Set(guildIds)];
  const bad = unique.findIndex((id) => !isSnowflake(id));
  if (bad >= 0)
    throw new ValidationError('Invalid guild id', [
      { path: `guildIds[${bad}]`, message: 'expected a Discord snowflake: a 17-20 digit numeric string' },
    ]);
  // Head first, then fold each stream up to it: changes committed meanwhile are left to the feed.
  const head = await eventStore.headPosition();
  const guilds: GuildModuleConfigs[] = [];
  for (const guildId of unique) {
    const state = head ? await loadModuleConfig(eventStore, guildId, head) : { version: 0, modules: {} };
    const modules = (
      Object.entries(state.modules) as [ModuleId, { enabled: boolean; config: ModuleConfig }][]
    )
      .sort(([a], [b]) => a.localeCompare(b))
      // The aggregate keeps each module's config under its own id, so the pair is one of the view's cases.
      .map(([moduleId, m]) => ({ moduleId, enabled: m.enabled, config: m.config }) as ModuleConfigView);
    guilds.push({ guildId, version: state.version, modules });
  }
  return { position: head ? formatPosition(head) : null, guilds };
}
