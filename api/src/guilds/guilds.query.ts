import type { SqlExecutor } from '../read-db.js';

export interface GuildRow {
  guild_id: string;
  name: string | null;
  icon: string | null;
  owner_id: string | null;
  member_count: number | null;
  /** `unknown`: never in the registry table, only for a guild with stored events (unannounced-guild.ts). */
  status: 'active' | 'unavailable' | 'removed' | 'absent' | 'unknown';
  is_active: boolean;
  bot_joined_at: Date | null;
  updated_at: Date | null;
}

const columns = 'guild_id, name, icon, owner_id, member_count, status, is_active, bot_joined_at, updated_at';

/** Guilds in scope (`scope` null = all), by name. */
export async function listGuilds(
  db: SqlExecutor,
  scope: readonly string[] | null,
  includeInactive: boolean,
): Promise<GuildRow[]> {
  const { rows } = await db.query<GuildRow>(
    `SELECT ${columns} FROM guilds
     WHERE ($1::text[] IS NULL OR guild_id = ANY($1::text[])) AND ($2 OR is_active)
     ORDER BY lower(coalesce(name, '')), guild_id`,
    [scope, includeInactive],
  );
  return rows;
}

/** Rows for these ids (any order; missing ids are absent). One query for a whole batch (DataLoader). */
export async function guildsByIds(db: SqlExecutor, ids: readonly string[]): Promise<GuildRow[]> {
  const { rows } = await db.query<GuildRow>(
    `SELECT ${columns} FROM guilds WHERE guild_id = ANY($1::text[])`,
    [[...ids]],
  );
  return rows;
}
