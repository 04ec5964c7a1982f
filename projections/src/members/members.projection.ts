import { snowflakeTimestamp } from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import { notification, type ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import { eventPointer, type GuildEvent, guildEvent, occurredAt } from '../shared/guild-event.js';

export const MEMBER_EVENT_TYPES = [
  'GUILD_MEMBER_ADD',
  'GUILD_MEMBER_REMOVE',
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
] as const;

interface Profile {
  guild_id: string;
  user_id: string;
  username: string;
  discriminator: string | null;
  avatar: string | null;
  has_avatar: boolean;
  is_bot: boolean | null;
  account_created_at: string;
  profile_updated_at: string;
}

interface Presence {
  event_id: string;
  guild_id: string;
  user_id: string;
  kind: 'join' | 'leave';
  occurred_at: string;
  roles: string[] | null;
  stream_id: string;
  revision: number;
  position: string;
}

function profileOf(e: GuildEvent): Profile | null {
  const at = occurredAt(e);
  const base = (userId: string, username: string) => ({
    guild_id: e.dto.guildId,
    user_id: userId,
    username,
    account_created_at: new Date(snowflakeTimestamp(userId)).toISOString(),
    profile_updated_at: at,
  });
  switch (e.dto.type) {
    case 'GUILD_MEMBER_ADD': {
      const d = e.dto.data;
      return {
        ...base(d.userId, d.username),
        discriminator: d.discriminator ?? null,
        avatar: d.avatar ?? null,
        has_avatar: d.avatar !== undefined,
        is_bot: d.bot,
      };
    }
    case 'GUILD_MEMBER_REMOVE': {
      const d = e.dto.data;
      return {
        ...base(d.userId, d.username),
        discriminator: d.discriminator ?? null,
        avatar: d.avatar ?? null,
        has_avatar: d.avatar !== undefined,
        is_bot: null,
      };
    }
    case 'GUILD_BAN_ADD': {
      const d = e.dto.data;
      return {
        ...base(d.targetUserId, d.targetUsername),
        discriminator: d.targetDiscriminator ?? null,
        avatar: d.targetAvatar ?? null,
        has_avatar: d.targetAvatar !== undefined,
        is_bot: null,
      };
    }
    case 'GUILD_BAN_REMOVE': {
      const d = e.dto.data;
      return {
        ...base(d.targetUserId, d.targetUsername),
        discriminator: null,
        avatar: null,
        has_avatar: false,
        is_bot: null,
      };
    }
    default:
      return null;
  }
}

function presenceOf(e: GuildEvent): Presence | null {
  const common = { ...eventPointer(e), guild_id: e.dto.guildId, occurred_at: occurredAt(e) };
  if (e.dto.type === 'GUILD_MEMBER_ADD')
    return { ...common, user_id: e.dto.data.userId, kind: 'join', roles: null };
  if (e.dto.type === 'GUILD_MEMBER_REMOVE') {
    return { ...common, user_id: e.dto.data.userId, kind: 'leave', roles: e.dto.data.roles };
  }
  return null;
}

/**
 * Members: latest identity (the profile with the newest event time wins) and presence, recomputed from
 * `member_presence_events` for the members a batch touched, so a replayed or late event changes nothing
 * or lands where its time says.
 */
export function membersProjection(): Projection {
  return {
    name: 'members',
    handles: MEMBER_EVENT_TYPES,
    async apply(
      trx: SqlExecutor,
      recorded: readonly RecordedEvent[],
    ): Promise<readonly ProjectionNotification[]> {
      const events = recorded.map(guildEvent);
      // Newest profile per member within the batch (ties: later in the log).
      const profiles = new Map<string, Profile>();
      for (const e of events) {
        const p = profileOf(e);
        if (!p) continue;
        const key = `${p.guild_id}/${p.user_id}`;
        const current = profiles.get(key);
        if (!current || current.profile_updated_at <= p.profile_updated_at) profiles.set(key, p);
      }
      const presence = events.flatMap((e) => presenceOf(e) ?? []);

      if (profiles.size > 0) {
        await trx.query(
          `INSERT INTO members (guild_id, user_id, username, discriminator, avatar, is_bot, account_created_at, profile_updated_at)
           SELECT guild_id, user_id, username, discriminator, avatar, is_bot, account_created_at, profile_updated_at
           FROM jsonb_to_recordset($1::jsonb) AS x(guild_id text, user_id text, username text, discriminator text,
             avatar text, has_avatar boolean, is_bot boolean, account_created_at timestamptz, profile_updated_at timestamptz)
           ON CONFLICT (guild_id, user_id) DO UPDATE SET
             username = CASE WHEN EXCLUDED.profile_updated_at >= members.profile_updated_at THEN EXCLUDED.username ELSE members.username END,
             discriminator = CASE WHEN EXCLUDED.profile_updated_at >= members.profile_updated_at
               THEN COALESCE(EXCLUDED.discriminator, members.discriminator) ELSE members.discriminator END,
             avatar = CASE WHEN EXCLUDED.profile_updated_at >= members.profile_updated_at AND EXCLUDED.avatar IS NOT NULL
               THEN EXCLUDED.avatar ELSE members.avatar END,
             is_bot = COALESCE(members.is_bot, EXCLUDED.is_bot),
             profile_updated_at = GREATEST(members.profile_updated_at, EXCLUDED.profile_updated_at)`,
          [JSON.stringify([...profiles.values()])],
        );
      }
      if (presence.length === 0) return [];

      const fresh = await trx.query<{ event_id: string }>(
        `INSERT INTO member_presence_events (event_id, guild_id, user_id, kind, occurred_at, roles, stream_id, revision, position)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, guild_id text, user_id text, kind text,
           occurred_at timestamptz, roles text[], stream_id text, revision bigint, position text)
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [JSON.stringify(presence.map((p) => ({ ...p, roles: p.roles ? `{${p.roles.join(',')}}` : null })))],
      );
      const freshIds = new Set(fresh.rows.map((r) => r.event_id));
      const touched = presence.filter((p) => freshIds.has(p.event_id));
      if (touched.length === 0) return [];

      await trx.query(
        `UPDATE members m SET first_joined_at = s.first_joined_at, last_joined_at = s.last_joined_at, left_at = s.left_at,
           join_count = s.join_count, leave_count = s.leave_count,
           is_present = s.last_joined_at IS NOT NULL AND (s.left_at IS NULL OR s.last_joined_at > s.left_at),
           roles_at_leave = (SELECT e.roles FROM member_presence_events e WHERE e.guild_id = m.guild_id
             AND e.user_id = m.user_id AND e.kind = 'leave' ORDER BY e.occurred_at DESC, e.revision DESC LIMIT 1)
         FROM (
           SELECT e.guild_id, e.user_id,
             min(e.occurred_at) FILTER (WHERE e.kind = 'join') AS first_joined_at,
             max(e.occurred_at) FILTER (WHERE e.kind = 'join') AS last_joined_at,
             max(e.occurred_at) FILTER (WHERE e.kind = 'leave') AS left_at,
             count(*) FILTER (WHERE e.kind = 'join')::int AS join_count,
             count(*) FILTER (WHERE e.kind = 'leave')::int AS leave_count
           FROM member_presence_events e
           JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS t(guild_id, user_id)) t
             ON t.guild_id = e.guild_id AND t.user_id = e.user_id
           GROUP BY e.guild_id, e.user_id
         ) s
         WHERE m.guild_id = s.guild_id AND m.user_id = s.user_id`,
        [touched.map((p) => p.guild_id), touched.map((p) => p.user_id)],
      );
      return touched.map((p) =>
        notification(p.kind === 'join' ? 'member_joined' : 'member_left', {
          guildId: p.guild_id,
          userId: p.user_id,
          occurredAt: p.occurred_at,
          eventId: p.event_id,
        }),
      );
    },
  };
}
