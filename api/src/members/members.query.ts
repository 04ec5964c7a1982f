import type { InviteClass } from '@guildscope/contracts';
import type { SqlExecutor } from '../read-db.js';

export type MemberPresence = 'present' | 'left' | 'unknown';

export interface MemberRow {
  guild_id: string;
  user_id: string;
  username: string | null;
  avatar: string | null;
  is_bot: boolean | null;
  last_joined_at: Date | null;
  left_at: Date | null;
  is_present: boolean;
  presence: MemberPresence;
  /** When the latest member list naming the member was fetched, and the join date it gave. */
  listed_at: Date | null;
  listed_joined_at: Date | null;
}

export async function memberById(
  db: SqlExecutor,
  guildId: string,
  userId: string,
): Promise<MemberRow | null> {
  const { rows } = await db.query<MemberRow>(
    `SELECT guild_id, user_id, username, avatar, is_bot, last_joined_at, left_at, is_present, presence,
       listed_at, listed_joined_at
     FROM members WHERE guild_id = $1 AND user_id = $2`,
    [guildId, userId],
  );
  return rows[0] ?? null;
}

/**
 * A user the guild's events name without ever saying they are a member (a moderator, a ban or deletion
 * target, an inviter): their latest known name, nothing guessed. Their presence follows the members
 * projection's rule with no fact of their own: gone when the guild has a complete member list (it did
 * not list them), else unknown. Null when no event of the guild names the user.
 */
export async function namedUser(db: SqlExecutor, guildId: string, userId: string): Promise<MemberRow | null> {
  const { rows } = await db.query<{ username: string | null; namings: number; listed: boolean }>(
    `SELECT (array_agg(n.username ORDER BY n.at DESC) FILTER (WHERE n.username IS NOT NULL))[1] AS username,
       count(*)::int AS namings,
       EXISTS (SELECT 1 FROM guild_member_counts c WHERE c.guild_id = $1 AND c.list_synced_at IS NOT NULL) AS listed
     FROM (
       SELECT target_username AS username, occurred_at AS at FROM moderation_log
         WHERE guild_id = $1 AND target_user_id = $2
       UNION ALL SELECT moderator_username, occurred_at FROM moderation_log WHERE guild_id = $1 AND moderator_id = $2
       UNION ALL SELECT inviter_username, updated_at FROM invites WHERE guild_id = $1 AND inviter_id = $2
       UNION ALL SELECT inviter_username, joined_at FROM invite_joins WHERE guild_id = $1 AND inviter_id = $2
     ) AS n`,
    [guildId, userId],
  );
  const named = rows[0];
  if (!named || named.namings === 0) return null;
  return {
    guild_id: guildId,
    user_id: userId,
    username: named.username,
    avatar: null,
    is_bot: null,
    last_joined_at: null,
    left_at: null,
    is_present: false,
    presence: named.listed ? 'left' : 'unknown',
    listed_at: null,
    listed_joined_at: null,
  };
}

export interface MembershipRow {
  kind: 'join' | 'leave';
  occurred_at: Date;
  join_class: InviteClass | null;
  inviter_id: string | null;
  inviter_username: string | null;
  invite_code: string | null;
}

/** Joins and leaves, oldest first; joins carry their attribution (from the invites read model). */
export async function membershipHistory(
  db: SqlExecutor,
  guildId: string,
  userId: string,
): Promise<MembershipRow[]> {
  const { rows } = await db.query<MembershipRow>(
    `SELECT p.kind, p.occurred_at, j.join_class, j.inviter_id, j.inviter_username, j.invite_code
     FROM member_presence_events p
     LEFT JOIN invite_joins j ON j.guild_id = p.guild_id AND j.user_id = p.user_id
       AND j.joined_at = p.occurred_at AND j.event_id = p.event_id
     WHERE p.guild_id = $1 AND p.user_id = $2
     ORDER BY p.occurred_at, p.event_id
     LIMIT 1000`,
    [guildId, userId],
  );
  return rows;
}
