import { snowflakeTimestamp } from '@guildscope/contracts';
import type { Statement } from '../read-db/read-db.port.js';
import { type GuildEvent, occurredAt } from '../shared/guild-event.js';
import { type ColumnTypes, unnestSelect } from '../shared/unnest-rows.js';

/** Snapshot types that name active members (with their identity). */
export const SIGHTING_EVENT_TYPES = ['METRICS_SNAPSHOT', 'MEMBER_ACTIVITY_SNAPSHOT'] as const;

/** Who a member is, as one event tells it (member events and activity snapshots alike). */
export interface MemberIdentity {
  guild_id: string;
  user_id: string;
  username: string;
  discriminator: string | null;
  avatar: string | null;
  /** The event said something about the avatar (a hash or null = default); else keep the stored one. */
  has_avatar: boolean;
  account_created_at: string;
  /** Event time: orders identities from different events of the same member. */
  profile_updated_at: string;
}

/** A member named by an activity snapshot: who they are and when they were last active. */
interface Sighting extends MemberIdentity {
  last_seen_at: string;
}

const SIGHTING_COLUMNS: ColumnTypes<Sighting> = {
  guild_id: 'text',
  user_id: 'text',
  username: 'text',
  discriminator: 'text',
  avatar: 'text',
  has_avatar: 'boolean',
  account_created_at: 'timestamptz',
  profile_updated_at: 'timestamptz',
  last_seen_at: 'timestamptz',
};

function sightingsOf(e: GuildEvent): Sighting[] {
  const at = occurredAt(e);
  const base = (userId: string, username: string) => ({
    guild_id: e.dto.guildId,
    user_id: userId,
    username,
    account_created_at: new Date(snowflakeTimestamp(userId)).toISOString(),
    profile_updated_at: at,
  });
  switch (e.dto.type) {
    case 'METRICS_SNAPSHOT': {
      // Only the top active members carry a name; `byMember` maps are bare ids (nothing to show).
      const seen = new Date(e.dto.data.periodEnd).toISOString();
      return e.dto.data.metrics.topActiveMembers.map((m) => ({
        ...base(m.userId, m.username),
        discriminator: null,
        avatar: m.avatar ?? null,
        has_avatar: m.avatar !== undefined,
        last_seen_at: seen,
      }));
    }
    case 'MEMBER_ACTIVITY_SNAPSHOT':
      return e.dto.data.members.map((m) => ({
        ...base(m.userId, m.username),
        discriminator: m.discriminator ?? null,
        avatar: m.avatar ?? null,
        has_avatar: m.avatar !== undefined,
        last_seen_at: new Date(m.lastSeen).toISOString(),
      }));
    default:
      return [];
  }
}

/** Newest identity (ties: later in the log) and latest activity per member of a batch. */
function collectSightings(events: readonly GuildEvent[]): Sighting[] {
  const byMember = new Map<string, Sighting>();
  for (const e of events) {
    for (const s of sightingsOf(e)) {
      const key = `${s.guild_id}/${s.user_id}`;
      const current = byMember.get(key);
      if (!current) {
        byMember.set(key, s);
        continue;
      }
      const newest = current.profile_updated_at <= s.profile_updated_at ? s : current;
      // ISO text in UTC orders like the instants.
      const lastSeen = [current.last_seen_at, s.last_seen_at].sort()[1] as string;
      // Avatar: from the newest snapshot that said anything about it.
      const avatarFrom = newest.has_avatar ? newest : current.has_avatar ? current : s;
      byMember.set(key, {
        ...newest,
        avatar: avatarFrom.avatar,
        has_avatar: avatarFrom.has_avatar,
        last_seen_at: lastSeen,
      });
    }
  }
  return [...byMember.values()];
}

/**
 * The batch's sightings as one statement (built before the transaction; see `Projection.prepare`): members named by snapshots that the table does not know yet are inserted
 * as present with an unknown join time (they were in the guild before the bot, or their join predates the
 * log); known members only get their identity refreshed when the snapshot is newer than the stored
 * identity, and `last_seen_at` moved forward. Join/leave columns are never touched here, nor presence
 * once a join or leave is known: they belong to the join and leave events (a snapshot after a leave is a
 * late period, not a return). Rows where nothing would change are not written (replaying a
 * snapshot writes nothing; keeps the replay cheap).
 */
export function sightingsUpsert(events: readonly GuildEvent[]): Statement | null {
  const sightings = collectSightings(events);
  if (sightings.length === 0) return null;
  const { sql, params } = unnestSelect(SIGHTING_COLUMNS, sightings);
  // The UPDATE and the INSERT see the same snapshot of `members`: a row is either updated or inserted.
  // `has_avatar` is not a column, hence a CTE rather than INSERT ... ON CONFLICT DO UPDATE (EXCLUDED
  // only carries table columns).
  return {
    sql: `WITH s AS (${sql}),
     refreshed AS (
       UPDATE members m SET
         username = CASE WHEN s.profile_updated_at > m.profile_updated_at THEN s.username ELSE m.username END,
         discriminator = CASE WHEN s.profile_updated_at > m.profile_updated_at
           THEN COALESCE(s.discriminator, m.discriminator) ELSE m.discriminator END,
         avatar = CASE WHEN s.profile_updated_at > m.profile_updated_at AND s.has_avatar
           THEN s.avatar ELSE m.avatar END,
         profile_updated_at = GREATEST(m.profile_updated_at, s.profile_updated_at),
         last_seen_at = GREATEST(m.last_seen_at, s.last_seen_at),
         -- Known only from a ban/unban (no join or leave): seen active means present, whichever came first.
         is_present = m.is_present OR (m.last_joined_at IS NULL AND m.left_at IS NULL)
       FROM s
       WHERE m.guild_id = s.guild_id AND m.user_id = s.user_id
         AND (s.profile_updated_at > m.profile_updated_at
           OR m.last_seen_at IS NULL OR s.last_seen_at > m.last_seen_at)
     )
     INSERT INTO members (guild_id, user_id, username, discriminator, avatar, account_created_at,
       profile_updated_at, last_seen_at, is_present)
     SELECT s.guild_id, s.user_id, s.username, s.discriminator, s.avatar, s.account_created_at,
       s.profile_updated_at, s.last_seen_at, true
     FROM s
     WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.guild_id = s.guild_id AND m.user_id = s.user_id)
     ON CONFLICT (guild_id, user_id) DO NOTHING`,
    params,
  };
}
