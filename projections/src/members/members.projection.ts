import { snowflakeTimestamp } from '@guildscope/contracts';
import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import { type SqlExecutor, type Statement, sendLast } from '../read-db/read-db.port.js';
import { notification, type ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import { type GuildEvent, guildEvent, occurredAt } from '../shared/guild-event.js';
import { type ColumnTypes, insertNew, unnestSelect } from '../shared/unnest-rows.js';
import { type MemberIdentity, SIGHTING_EVENT_TYPES, sightingsUpsert } from './member-sightings.js';

export const MEMBER_EVENT_TYPES = [
  'GUILD_MEMBER_ADD',
  'GUILD_MEMBER_REMOVE',
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
  ...SIGHTING_EVENT_TYPES,
] as const;

interface Profile extends MemberIdentity {
  is_bot: boolean | null;
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

/** One literal of the full shape (no spreads): this runs for most events of every batch. */
function profile(
  e: GuildEvent,
  userId: string,
  username: string,
  discriminator: string | null | undefined,
  avatar: string | null | undefined,
  isBot: boolean | null,
): Profile {
  return {
    guild_id: e.dto.guildId,
    user_id: userId,
    username,
    discriminator: discriminator ?? null,
    avatar: avatar ?? null,
    has_avatar: avatar !== undefined,
    is_bot: isBot,
    account_created_at: new Date(snowflakeTimestamp(userId)).toISOString(),
    profile_updated_at: occurredAt(e),
  };
}

function profileOf(e: GuildEvent): Profile | null {
  switch (e.dto.type) {
    case 'GUILD_MEMBER_ADD': {
      const d = e.dto.data;
      return profile(e, d.userId, d.username, d.discriminator, d.avatar, d.bot);
    }
    case 'GUILD_MEMBER_REMOVE': {
      const d = e.dto.data;
      return profile(e, d.userId, d.username, d.discriminator, d.avatar, null);
    }
    case 'GUILD_BAN_ADD': {
      const d = e.dto.data;
      return profile(e, d.targetUserId, d.targetUsername, d.targetDiscriminator, d.targetAvatar, null);
    }
    case 'GUILD_BAN_REMOVE': {
      const d = e.dto.data;
      // No identity beyond the name: the stored discriminator and avatar stay.
      return { ...profile(e, d.targetUserId, d.targetUsername, null, null, null), has_avatar: false };
    }
    default:
      return null;
  }
}

function presenceOf(e: GuildEvent): Presence | null {
  const dto = e.dto;
  if (dto.type !== 'GUILD_MEMBER_ADD' && dto.type !== 'GUILD_MEMBER_REMOVE') return null;
  const leave = dto.type === 'GUILD_MEMBER_REMOVE';
  return {
    event_id: e.recorded.id,
    guild_id: dto.guildId,
    user_id: dto.data.userId,
    kind: leave ? 'leave' : 'join',
    occurred_at: occurredAt(e),
    roles: leave ? dto.data.roles : null,
    stream_id: e.recorded.streamId,
    revision: e.recorded.revision,
    position: formatPosition(e.recorded.position),
  };
}

/** What the fresh (first-time applied) joins and leaves of a batch add to one member. */
interface PresenceDelta {
  first_joined_at: string | null;
  last_joined_at: string | null;
  left_at: string | null;
  /** Revision of the leave at `left_at` (ties on time: the later in the stream wins, like a recompute). */
  left_revision: number;
  roles_at_leave: string[] | null;
  join_count: number;
  leave_count: number;
}

interface MemberRow extends Omit<Profile, 'has_avatar'>, Omit<PresenceDelta, 'left_revision'> {
  is_present: boolean;
}

const MEMBER_COLUMNS: ColumnTypes<MemberRow> = {
  guild_id: 'text',
  user_id: 'text',
  username: 'text',
  discriminator: 'text',
  avatar: 'text',
  is_bot: 'boolean',
  account_created_at: 'timestamptz',
  profile_updated_at: 'timestamptz',
  first_joined_at: 'timestamptz',
  last_joined_at: 'timestamptz',
  left_at: 'timestamptz',
  is_present: 'boolean',
  join_count: 'integer',
  leave_count: 'integer',
  roles_at_leave: 'text[]',
};

const PRESENCE_COLUMNS: ColumnTypes<Presence> = {
  event_id: 'text',
  guild_id: 'text',
  user_id: 'text',
  kind: 'text',
  occurred_at: 'timestamptz',
  roles: 'text[]',
  stream_id: 'text',
  revision: 'bigint',
  position: 'text',
};

/**
 * Writes the batch: stores its joins and leaves once each (the applied-event guard) and folds the ones
 * stored now (fresh) into the member rows, then the sightings. Usually every join and leave is fresh, so
 * all of it is sent at once on that guess, and only the presence insert's row count is awaited. When
 * some were already there (a batch applied again), everything since the savepoint is rolled back and
 * redone with the fresh ones (the insert again, returning their ids). Returns the fresh joins and leaves.
 */
async function writeBatch(trx: SqlExecutor, batch: MembersBatch): Promise<readonly Presence[]> {
  const { presence, profiles } = batch;
  // After the member events, so a snapshot in the same batch finds the rows they created.
  const sightings = batch.sightingsUpsert ? [batch.sightingsUpsert] : [];
  if (!batch.presenceInsert) {
    sendLast(trx, [...(batch.membersUpsertIfAllFresh ? [batch.membersUpsertIfAllFresh] : []), ...sightings]);
    return [];
  }
  const insert = batch.presenceInsert;
  const guessed = Promise.all([trx.exec('SAVEPOINT presence_insert'), trx.query(insert.sql, insert.params)]);
  sendLast(trx, [...(batch.membersUpsertIfAllFresh ? [batch.membersUpsertIfAllFresh] : []), ...sightings]);
  const [, all] = await guessed;
  if (all.affectedRows === presence.length) return presence;
  const [, returned] = await Promise.all([
    trx.exec('ROLLBACK TO SAVEPOINT presence_insert'),
    trx.query<{ event_id: string }>(`${insert.sql} RETURNING event_id`, insert.params),
  ]);
  const freshIds = new Set(returned.rows.map((r) => r.event_id));
  const fresh = presence.filter((p) => freshIds.has(p.event_id));
  sendLast(trx, [...(profiles.size > 0 ? [membersUpsert(profiles, fresh)] : []), ...sightings]);
  return fresh;
}

const isPresent = (lastJoined: string | null, left: string | null) =>
  lastJoined !== null && (left === null || lastJoined > left);

function addPresence(delta: PresenceDelta, p: Presence): void {
  if (p.kind === 'join') {
    delta.join_count += 1;
    if (delta.first_joined_at === null || p.occurred_at < delta.first_joined_at)
      delta.first_joined_at = p.occurred_at;
    if (delta.last_joined_at === null || p.occurred_at > delta.last_joined_at)
      delta.last_joined_at = p.occurred_at;
    return;
  }
  delta.leave_count += 1;
  if (
    delta.left_at === null ||
    p.occurred_at > delta.left_at ||
    (p.occurred_at === delta.left_at && p.revision > delta.left_revision)
  ) {
    delta.left_at = p.occurred_at;
    delta.left_revision = p.revision;
    delta.roles_at_leave = p.roles;
  }
}

/** What the fresh (first-time applied) joins and leaves add to each member, by `guild/user`. */
function presenceDeltas(fresh: readonly Presence[]): Map<string, PresenceDelta> {
  const deltas = new Map<string, PresenceDelta>();
  for (const p of fresh) {
    const key = `${p.guild_id}/${p.user_id}`;
    let delta = deltas.get(key);
    if (!delta) {
      delta = {
        first_joined_at: null,
        last_joined_at: null,
        left_at: null,
        left_revision: -1,
        roles_at_leave: null,
        join_count: 0,
        leave_count: 0,
      };
      deltas.set(key, delta);
    }
    addPresence(delta, p);
  }
  return deltas;
}

/** The members upsert: each profile of the batch with what its fresh joins and leaves add. */
function membersUpsert(profiles: ReadonlyMap<string, Profile>, fresh: readonly Presence[]): Statement {
  const deltas = presenceDeltas(fresh);
  const rows: MemberRow[] = [];
  // Plain literals, not rest/spread: this runs once per member of every batch.
  for (const [key, p] of profiles) {
    const d = deltas.get(key);
    rows.push({
      guild_id: p.guild_id,
      user_id: p.user_id,
      username: p.username,
      discriminator: p.discriminator,
      avatar: p.avatar,
      is_bot: p.is_bot,
      account_created_at: p.account_created_at,
      profile_updated_at: p.profile_updated_at,
      first_joined_at: d?.first_joined_at ?? null,
      last_joined_at: d?.last_joined_at ?? null,
      left_at: d?.left_at ?? null,
      is_present: isPresent(d?.last_joined_at ?? null, d?.left_at ?? null),
      join_count: d?.join_count ?? 0,
      leave_count: d?.leave_count ?? 0,
      roles_at_leave: d?.roles_at_leave ?? null,
    });
  }
  const { sql, params, names } = unnestSelect(MEMBER_COLUMNS, rows);
  // A stored leave at the same instant as the batch's latest: the later revision wins (rare; read it).
  return {
    sql: `INSERT INTO members AS m (${names.join(', ')}) ${sql}
           ON CONFLICT (guild_id, user_id) DO UPDATE SET
             username = CASE WHEN EXCLUDED.profile_updated_at >= m.profile_updated_at THEN EXCLUDED.username ELSE m.username END,
             discriminator = CASE WHEN EXCLUDED.profile_updated_at >= m.profile_updated_at
               THEN COALESCE(EXCLUDED.discriminator, m.discriminator) ELSE m.discriminator END,
             avatar = CASE WHEN EXCLUDED.profile_updated_at >= m.profile_updated_at AND EXCLUDED.avatar IS NOT NULL
               THEN EXCLUDED.avatar ELSE m.avatar END,
             is_bot = COALESCE(m.is_bot, EXCLUDED.is_bot),
             profile_updated_at = GREATEST(m.profile_updated_at, EXCLUDED.profile_updated_at),
             first_joined_at = LEAST(m.first_joined_at, EXCLUDED.first_joined_at),
             last_joined_at = GREATEST(m.last_joined_at, EXCLUDED.last_joined_at),
             left_at = GREATEST(m.left_at, EXCLUDED.left_at),
             join_count = m.join_count + EXCLUDED.join_count,
             leave_count = m.leave_count + EXCLUDED.leave_count,
             is_present = CASE
               WHEN GREATEST(m.last_joined_at, EXCLUDED.last_joined_at) IS NULL
                 AND GREATEST(m.left_at, EXCLUDED.left_at) IS NULL THEN m.is_present
               ELSE GREATEST(m.last_joined_at, EXCLUDED.last_joined_at) IS NOT NULL
                 AND (GREATEST(m.left_at, EXCLUDED.left_at) IS NULL
                   OR GREATEST(m.last_joined_at, EXCLUDED.last_joined_at) > GREATEST(m.left_at, EXCLUDED.left_at))
             END,
             roles_at_leave = CASE
               WHEN EXCLUDED.left_at IS NULL OR EXCLUDED.left_at < m.left_at THEN m.roles_at_leave
               WHEN m.left_at IS NULL OR EXCLUDED.left_at > m.left_at THEN EXCLUDED.roles_at_leave
               ELSE (SELECT e.roles FROM member_presence_events e WHERE e.guild_id = m.guild_id
                 AND e.user_id = m.user_id AND e.kind = 'leave' ORDER BY e.occurred_at DESC, e.revision DESC LIMIT 1)
             END`,
    params,
  };
}

/** A batch made ready outside the transaction (see `Projection.prepare`). */
interface MembersBatch {
  readonly events: readonly GuildEvent[];
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly presence: readonly Presence[];
  readonly presenceInsert: Statement | null;
  /** The members upsert for the usual case: every join and leave of the batch is fresh. */
  readonly membersUpsertIfAllFresh: Statement | null;
  readonly sightingsUpsert: Statement | null;
}

function prepareMembers(recorded: readonly RecordedEvent[]): MembersBatch {
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
  return {
    events,
    profiles,
    presence,
    presenceInsert:
      presence.length > 0
        ? insertNew('member_presence_events', PRESENCE_COLUMNS, presence, [
            'guild_id',
            'user_id',
            'occurred_at',
            'event_id',
          ])
        : null,
    membersUpsertIfAllFresh: profiles.size > 0 ? membersUpsert(profiles, presence) : null,
    sightingsUpsert: sightingsUpsert(events),
  };
}

/**
 * Members: latest identity (the profile with the newest event time wins) and presence. Every join and
 * leave is stored once in `member_presence_events` (the applied-event guard); only the ones stored now
 * (fresh) are folded into the member row — counts added, first/last times as min/max — in the same
 * upsert as the profile, so a replayed event changes nothing and a late one lands where its time says.
 * Timestamps are compared as ISO text (same format, UTC), which orders like the instants.
 * Activity snapshots name members who never joined in the log (already there before the bot): see
 * `member-sightings.ts`. With neither a join nor a leave known, presence stays what the row says (a
 * member seen active is present; one known only from a ban is not).
 */
export function membersProjection(): Projection<MembersBatch> {
  return {
    name: 'members',
    handles: MEMBER_EVENT_TYPES,
    readIndexes: ['members_guild_present_idx', 'members_guild_username_idx'],
    prepare: prepareMembers,
    async apply(trx, _recorded, batch): Promise<readonly ProjectionNotification[]> {
      const fresh = await writeBatch(trx, batch);
      return fresh.map((p) =>
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
