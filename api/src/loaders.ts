import DataLoader from 'dataloader';
import type { ApiDeps } from './context.js';
import type { GuildRow } from './guilds/guilds.query.js';
import { memberCountsByGuild } from './guilds/member-count.query.js';
import { type UserRow, usersByKeys } from './members/users.query.js';

/**
 * Per-operation batch loaders (created per request, so nothing leaks between tokens): the N fields of a
 * list (e.g. leaderboard entries -> member names) become one SQL query per level.
 */
export interface Loaders {
  readonly guild: DataLoader<string, GuildRow | null>;
  /** Member count now, per guild id (null when the members projection has none); never cached across requests. */
  readonly memberCount: DataLoader<string, number | null>;
  /** Key: `${guildId}:${userId}`. */
  readonly user: DataLoader<string, UserRow | null>;
}

export function createLoaders(deps: ApiDeps): Loaders {
  return {
    guild: new DataLoader((ids) => deps.guilds.load(ids)),
    memberCount: new DataLoader(async (ids) => {
      const counts = await memberCountsByGuild(deps.readDb, ids);
      return ids.map((id) => counts.get(id) ?? null);
    }),
    user: new DataLoader(async (keys) => {
      const pairs = keys.map((k) => {
        const i = k.indexOf(':');
        return [k.slice(0, i), k.slice(i + 1)] as const;
      });
      const rows = await usersByKeys(deps.readDb, pairs);
      const byKey = new Map(rows.map((r) => [`${r.guild_id}:${r.user_id}`, r]));
      return keys.map((k) => byKey.get(k) ?? null);
    }),
  };
}
