import type { InviteClass } from '@guildscope/contracts';
import type { SqlExecutor } from '../read-db.js';

export interface MemberFlowView {
  readonly guildId: string;
  readonly kind: 'join' | 'leave';
  readonly userId: string;
  readonly username: string | null;
  readonly avatar: string | null;
  readonly occurredAt: Date;
  readonly joinClass: InviteClass | null;
  readonly inviterId: string | null;
  readonly inviterUsername: string | null;
}

/** Enriches join/leave notices with names and (for joins) attribution, in one query. */
export async function memberFlowEvents(
  db: SqlExecutor,
  kind: 'join' | 'leave',
  notices: readonly { guildId: string; userId: string; occurredAt: string; eventId: string }[],
): Promise<MemberFlowView[]> {
  if (notices.length === 0) return [];
  const { rows } = await db.query<{
    guild_id: string;
    user_id: string;
    occurred_at: Date;
    username: string | null;
    avatar: string | null;
    join_class: InviteClass | null;
    inviter_id: string | null;
    inviter_username: string | null;
  }>(
    `SELECT n.guild_id, n.user_id, n.occurred_at, m.username, m.avatar, j.join_class, j.inviter_id, j.inviter_username
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) WITH ORDINALITY
       AS n(guild_id, user_id, occurred_at, event_id, ord)
     LEFT JOIN members m ON m.guild_id = n.guild_id AND m.user_id = n.user_id
     LEFT JOIN invite_joins j ON j.guild_id = n.guild_id AND j.user_id = n.user_id
       AND j.event_id = n.event_id
     ORDER BY n.ord`,
    [
      notices.map((n) => n.guildId),
      notices.map((n) => n.userId),
      notices.map((n) => n.occurredAt),
      notices.map((n) => n.eventId ?? ''),
    ],
  );
  return rows.map((r) => ({
    guildId: r.guild_id,
    kind,
    userId: r.user_id,
    username: r.username,
    avatar: r.avatar,
    occurredAt: r.occurred_at,
    joinClass: kind === 'join' ? r.join_class : null,
    inviterId: kind === 'join' ? r.inviter_id : null,
    inviterUsername: kind === 'join' ? r.inviter_username : null,
  }));
}

export interface ActivityTickView {
  readonly guildId: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly messages: number;
  readonly voiceMinutes: number;
  readonly reactions: number;
  readonly activeMembers: number;
}

/**
 * New snapshots of these guilds: those with a period start after `since[i]` (the last one delivered), or
 * only the newest when nothing was delivered yet. Snapshots of the same minute (several shards) are summed.
 * One query for all guilds of a flush.
 */
export async function activityTicks(
  db: SqlExecutor,
  guildIds: readonly string[],
  since: readonly (number | null)[],
): Promise<ActivityTickView[]> {
  if (guildIds.length === 0) return [];
  const { rows } = await db.query<{
    guild_id: string;
    ts: Date;
    period_end: Date;
    messages: number;
    voice_ms: number;
    reactions: number;
    active_members: number;
  }>(
    `SELECT n.guild_id, a.ts, max(a.period_end) AS period_end, sum(a.messages)::float8 AS messages,
            sum(a.voice_ms)::float8 AS voice_ms, sum(a.reactions)::float8 AS reactions,
            max(a.active_members)::int AS active_members
     FROM unnest($1::text[], $2::timestamptz[]) AS n(guild_id, since)
     JOIN activity_snapshot a ON a.guild_id = n.guild_id
       AND a.ts > coalesce(n.since, (SELECT max(b.ts) FROM activity_snapshot b WHERE b.guild_id = n.guild_id) - interval '1 microsecond')
     GROUP BY n.guild_id, a.ts
     ORDER BY n.guild_id, a.ts
     LIMIT 1000`,
    [guildIds, since.map((t) => (t === null ? null : new Date(t)))],
  );
  return rows.map((r) => ({
    guildId: r.guild_id,
    periodStart: r.ts,
    periodEnd: r.period_end,
    messages: r.messages,
    voiceMinutes: r.voice_ms / 60_000,
    reactions: r.reactions,
    activeMembers: r.active_members,
  }));
}
