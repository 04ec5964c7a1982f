import type { Statement } from '../read-db/read-db.port.js';
import { type ColumnTypes, unnestSelect } from '../shared/unnest-rows.js';
import type { MemberFact } from './member-facts.js';

/** A join or leave as stored in `member_presence_events` (the applied-event guard and member history). */
export interface Presence {
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

type MemberRow = MemberFact & Omit<PresenceDelta, 'left_revision'>;

const MEMBER_COLUMNS: ColumnTypes<MemberRow> = {
  guild_id: 'text',
  user_id: 'text',
  username: 'text',
  profile_updated_at: 'timestamptz',
  profile_revision: 'bigint',
  discriminator: 'text',
  discriminator_at: 'timestamptz',
  discriminator_revision: 'bigint',
  avatar: 'text',
  avatar_at: 'timestamptz',
  avatar_revision: 'bigint',
  is_bot: 'boolean',
  account_created_at: 'timestamptz',
  last_seen_at: 'timestamptz',
  listed_at: 'timestamptz',
  listed_joined_at: 'timestamptz',
  first_joined_at: 'timestamptz',
  last_joined_at: 'timestamptz',
  left_at: 'timestamptz',
  join_count: 'integer',
  leave_count: 'integer',
  roles_at_leave: 'text[]',
};

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

/** What the fresh joins and leaves add to each member, by `guild/user`. */
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

/** `(EXCLUDED.at, EXCLUDED.rev) > (m.at, m.rev)`: the batch's value comes from a newer event. */
const newer = (at: string, rev: string) => `(EXCLUDED.${at}, EXCLUDED.${rev}) > (m.${at}, m.${rev})`;
/** The batch said something about an optional field, and said it in a newer event than the stored value. */
const newerSaid = (at: string, rev: string) =>
  `(EXCLUDED.${at} IS NOT NULL AND (m.${at} IS NULL OR ${newer(at, rev)}))`;
const keyed = (when: string, columns: readonly string[]) =>
  columns.map((c) => `${c} = CASE WHEN ${when} THEN EXCLUDED.${c} ELSE m.${c} END`).join(',\n  ');

const PROFILE_NEWER = newer('profile_updated_at', 'profile_revision');
const DISCRIMINATOR_NEWER = newerSaid('discriminator_at', 'discriminator_revision');
const AVATAR_NEWER = newerSaid('avatar_at', 'avatar_revision');
const IS_BOT = 'COALESCE(m.is_bot OR EXCLUDED.is_bot, m.is_bot, EXCLUDED.is_bot)';

/**
 * The same merge as `mergeFact` (member-facts.ts), row against table, plus the fresh joins and leaves
 * (counts added, first/last times as min/max). Presence is decided afterwards (member-presence.ts).
 * Rows where nothing would change are not written (replaying a batch writes nothing).
 */
const ON_CONFLICT = `ON CONFLICT (guild_id, user_id) DO UPDATE SET
  ${keyed(PROFILE_NEWER, ['username', 'profile_updated_at', 'profile_revision'])},
  ${keyed(DISCRIMINATOR_NEWER, ['discriminator', 'discriminator_at', 'discriminator_revision'])},
  ${keyed(AVATAR_NEWER, ['avatar', 'avatar_at', 'avatar_revision'])},
  is_bot = ${IS_BOT},
  last_seen_at = GREATEST(m.last_seen_at, EXCLUDED.last_seen_at),
  listed_joined_at = CASE
    WHEN EXCLUDED.listed_at IS NULL THEN m.listed_joined_at
    WHEN m.listed_at IS NULL OR EXCLUDED.listed_at > m.listed_at THEN EXCLUDED.listed_joined_at
    WHEN EXCLUDED.listed_at = m.listed_at THEN GREATEST(m.listed_joined_at, EXCLUDED.listed_joined_at)
    ELSE m.listed_joined_at END,
  listed_at = GREATEST(m.listed_at, EXCLUDED.listed_at),
  first_joined_at = LEAST(m.first_joined_at, EXCLUDED.first_joined_at),
  last_joined_at = GREATEST(m.last_joined_at, EXCLUDED.last_joined_at),
  left_at = GREATEST(m.left_at, EXCLUDED.left_at),
  join_count = m.join_count + EXCLUDED.join_count,
  leave_count = m.leave_count + EXCLUDED.leave_count,
  roles_at_leave = CASE
    WHEN EXCLUDED.left_at IS NULL OR EXCLUDED.left_at < m.left_at THEN m.roles_at_leave
    WHEN m.left_at IS NULL OR EXCLUDED.left_at > m.left_at THEN EXCLUDED.roles_at_leave
    -- A stored leave at the same instant as the batch's latest: the later revision wins (rare; read it).
    ELSE (SELECT e.roles FROM member_presence_events e WHERE e.guild_id = m.guild_id
      AND e.user_id = m.user_id AND e.kind = 'leave' ORDER BY e.occurred_at DESC, e.revision DESC LIMIT 1)
  END
WHERE ${PROFILE_NEWER} OR ${DISCRIMINATOR_NEWER} OR ${AVATAR_NEWER}
  OR m.is_bot IS DISTINCT FROM ${IS_BOT}
  OR EXCLUDED.last_seen_at > m.last_seen_at OR (m.last_seen_at IS NULL AND EXCLUDED.last_seen_at IS NOT NULL)
  OR EXCLUDED.listed_at >= m.listed_at OR (m.listed_at IS NULL AND EXCLUDED.listed_at IS NOT NULL)
  OR EXCLUDED.join_count > 0 OR EXCLUDED.leave_count > 0`;

/** The members upsert: each member the batch names, with what its fresh joins and leaves add. */
export function membersUpsert(facts: ReadonlyMap<string, MemberFact>, fresh: readonly Presence[]): Statement {
  const deltas = presenceDeltas(fresh);
  const rows: MemberRow[] = [];
  // Plain literals, not rest/spread: this runs once per member of every batch.
  for (const [key, f] of facts) {
    const d = deltas.get(key);
    rows.push({
      guild_id: f.guild_id,
      user_id: f.user_id,
      username: f.username,
      profile_updated_at: f.profile_updated_at,
      profile_revision: f.profile_revision,
      discriminator: f.discriminator,
      discriminator_at: f.discriminator_at,
      discriminator_revision: f.discriminator_revision,
      avatar: f.avatar,
      avatar_at: f.avatar_at,
      avatar_revision: f.avatar_revision,
      is_bot: f.is_bot,
      account_created_at: f.account_created_at,
      last_seen_at: f.last_seen_at,
      listed_at: f.listed_at,
      listed_joined_at: f.listed_joined_at,
      first_joined_at: d?.first_joined_at ?? null,
      last_joined_at: d?.last_joined_at ?? null,
      left_at: d?.left_at ?? null,
      join_count: d?.join_count ?? 0,
      leave_count: d?.leave_count ?? 0,
      roles_at_leave: d?.roles_at_leave ?? null,
    });
  }
  const { sql, params, names } = unnestSelect(MEMBER_COLUMNS, rows);
  return { sql: `INSERT INTO members AS m (${names.join(', ')}) ${sql}\n${ON_CONFLICT}`, params };
}
