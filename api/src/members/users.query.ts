import type { SqlExecutor } from '../read-db.js';

export interface UserRow {
  guild_id: string;
  user_id: string;
  username: string | null;
  avatar: string | null;
}

/** Latest names/avatars for (guild, user) pairs, in one query. */
export async function usersByKeys(
  db: SqlExecutor,
  pairs: readonly (readonly [string, string])[],
): Promise<UserRow[]> {
  if (pairs.length === 0) return [];
  const { rows } = await db.query<UserRow>(
    `SELECT m.guild_id, m.user_id, m.username, m.avatar
     FROM members m JOIN unnest($1::text[], $2::text[]) AS k(guild_id, user_id)
       ON m.guild_id = k.guild_id AND m.user_id = k.user_id`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
  return rows;
}
