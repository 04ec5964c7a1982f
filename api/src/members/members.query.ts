import type { InviteClass } from '@guildscope/contracts';
import type { SqlExecutor } from '../read-db.js';

export interface MemberRow {
  guild_id: string;
  user_id: string;
  username: string | null;
  avatar: string | null;
  is_bot: boolean | null;
  last_joined_at: Date | null;
  left_at: Date | null;
  is_present: boolean;
}

export async function memberById(
  db: SqlExecutor,
  guildId: string,
  userId: string,
): Promise<MemberRow | null> {
  const { rows } = await db.query<MemberRow>(
    `SELECT guild_id, user_id, username, avatar, is_bot, last_joined_at, left_at, is_present
     FROM members WHERE guild_id = $1 AND user_id = $2`,
    [guildId, userId],
  );
  return rows[0] ?? null;
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
