import { snowflakeTimestamp } from '@guildscope/contracts';
import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import { type Statement, sendLast } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';
import { type GuildEvent, guildEvent, occurredAt } from '../shared/guild-event.js';
import { arrayArgument, type ColumnTypes, insertNew, unnestSelect } from '../shared/unnest-rows.js';
import { inviteSyncStatements, syncFactsOf } from './invite-sync.js';

export const INVITE_EVENT_TYPES = [
  'INVITE_CREATE',
  'INVITE_DELETE',
  'INVITE_USE',
  'INVITE_SYNC',
  'GUILD_MEMBER_ADD',
  'GUILD_MEMBER_REMOVE',
] as const;

/** What a batch knows about one invite; merged with the stored row by commutative rules. */
export interface InviteFacts {
  guild_id: string;
  code: string;
  channel_id: string | null;
  inviter_id: string | null;
  inviter_username: string | null;
  is_vanity: boolean;
  max_uses: number | null;
  max_age_seconds: number | null;
  temporary: boolean | null;
  created_at: string | null;
  expires_at: string | null;
  uses: number;
  deleted_at: string | null;
  updated_at: string;
}

const maxIso = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

function mergeFacts(a: InviteFacts, b: InviteFacts): InviteFacts {
  return {
    guild_id: a.guild_id,
    code: a.code,
    channel_id: b.channel_id ?? a.channel_id,
    inviter_id: b.inviter_id ?? a.inviter_id,
    inviter_username: b.inviter_username ?? a.inviter_username,
    is_vanity: a.is_vanity || b.is_vanity,
    max_uses: b.max_uses ?? a.max_uses,
    max_age_seconds: b.max_age_seconds ?? a.max_age_seconds,
    temporary: b.temporary ?? a.temporary,
    created_at: b.created_at ?? a.created_at,
    expires_at: b.expires_at ?? a.expires_at,
    uses: Math.max(a.uses, b.uses),
    deleted_at: maxIso(a.deleted_at, b.deleted_at),
    updated_at: maxIso(a.updated_at, b.updated_at) as string,
  };
}

const INVITE_FACT_TYPES: ReadonlySet<string> = new Set(['INVITE_CREATE', 'INVITE_DELETE', 'INVITE_USE']);

function inviteFactsOf(e: GuildEvent): InviteFacts | null {
  // Most events of a batch are leaves and joins without an invite code: nothing to build for them.
  if (!INVITE_FACT_TYPES.has(e.dto.type)) {
    if (e.dto.type !== 'GUILD_MEMBER_ADD') return null;
    const kind = e.dto.data.invite.class;
    if (kind !== 'invite' && kind !== 'vanity') return null;
  }
  const empty = {
    guild_id: e.dto.guildId,
    channel_id: null,
    inviter_id: null,
    inviter_username: null,
    is_vanity: false,
    max_uses: null,
    max_age_seconds: null,
    temporary: null,
    created_at: null,
    expires_at: null,
    uses: 0,
    deleted_at: null,
    updated_at: occurredAt(e),
  };
  switch (e.dto.type) {
    case 'INVITE_CREATE': {
      const d = e.dto.data;
      return {
        ...empty,
        code: d.code,
        channel_id: d.channelId,
        inviter_id: d.inviterId,
        inviter_username: d.inviterUsername,
        max_uses: d.maxUses,
        max_age_seconds: d.maxAge,
        temporary: d.temporary,
        created_at: d.createdAt,
        expires_at: d.expiresAt ?? null,
      };
    }
    case 'INVITE_DELETE': {
      const d = e.dto.data;
      return {
        ...empty,
        code: d.code,
        channel_id: d.channelId,
        inviter_id: d.inviterId ?? null,
        uses: d.uses ?? 0,
        deleted_at: occurredAt(e),
      };
    }
    case 'INVITE_USE': {
      const d = e.dto.data;
      return {
        ...empty,
        code: d.code,
        inviter_id: d.inviterId,
        inviter_username: d.inviterUsername,
        is_vanity: d.inviteClass === 'vanity',
        max_uses: d.maxUses,
        uses: d.uses,
      };
    }
    case 'GUILD_MEMBER_ADD': {
      const inv = e.dto.data.invite;
      if (inv.class === 'invite') {
        return {
          ...empty,
          code: inv.code,
          inviter_id: inv.inviterId ?? null,
          inviter_username: inv.inviterUsername ?? null,
          max_uses: inv.maxUses ?? null,
          uses: inv.uses ?? 0,
        };
      }
      if (inv.class === 'vanity') return { ...empty, code: inv.code, is_vanity: true, uses: inv.uses ?? 0 };
      return null;
    }
    default:
      return null;
  }
}

const INVITE_COLUMNS: ColumnTypes<InviteFacts> = {
  guild_id: 'text',
  code: 'text',
  channel_id: 'text',
  inviter_id: 'text',
  inviter_username: 'text',
  is_vanity: 'boolean',
  max_uses: 'integer',
  max_age_seconds: 'integer',
  temporary: 'boolean',
  created_at: 'timestamptz',
  expires_at: 'timestamptz',
  uses: 'integer',
  deleted_at: 'timestamptz',
  updated_at: 'timestamptz',
};

type Join = NonNullable<ReturnType<typeof joinOf>>;
type Leave = NonNullable<ReturnType<typeof leaveOf>>;

const JOIN_COLUMNS: ColumnTypes<Join> = {
  event_id: 'text',
  guild_id: 'text',
  user_id: 'text',
  username: 'text',
  is_bot: 'boolean',
  joined_at: 'timestamptz',
  account_created_at: 'timestamptz',
  join_class: 'text',
  invite_code: 'text',
  inviter_id: 'text',
  inviter_username: 'text',
  stream_id: 'text',
  revision: 'bigint',
  position: 'text',
};

const LEAVE_COLUMNS: ColumnTypes<Leave> = {
  event_id: 'text',
  guild_id: 'text',
  user_id: 'text',
  left_at: 'timestamptz',
};

function joinOf(e: GuildEvent) {
  if (e.dto.type !== 'GUILD_MEMBER_ADD') return null;
  const d = e.dto.data;
  const inv = d.invite;
  const viaInvite = inv.class === 'invite';
  // One literal of the full shape (no spreads): this runs for every join of every batch.
  return {
    event_id: e.recorded.id,
    guild_id: e.dto.guildId,
    user_id: d.userId,
    username: d.username,
    is_bot: d.bot,
    joined_at: occurredAt(e),
    // The snowflake is the authority on account age; the bot's copy is the same number.
    account_created_at: new Date(snowflakeTimestamp(d.userId)).toISOString(),
    join_class: inv.class,
    invite_code: inv.class === 'invite' || inv.class === 'vanity' ? inv.code : null,
    inviter_id: viaInvite ? (inv.inviterId ?? null) : null,
    inviter_username: viaInvite ? (inv.inviterUsername ?? null) : null,
    stream_id: e.recorded.streamId,
    revision: e.recorded.revision,
    position: formatPosition(e.recorded.position),
  };
}

function leaveOf(e: GuildEvent) {
  if (e.dto.type !== 'GUILD_MEMBER_REMOVE') return null;
  return {
    event_id: e.recorded.id,
    guild_id: e.dto.guildId,
    user_id: e.dto.data.userId,
    left_at: occurredAt(e),
  };
}

/**
 * A batch made ready outside the transaction (see `Projection.prepare`): its statements, in order. The
 * joins' left_at recompute comes last, after the joins and leaves it reads.
 */
function prepareInvites(recorded: readonly RecordedEvent[]): Statement[] {
  const events = recorded.map(guildEvent);
  const byCode = new Map<string, InviteFacts>();
  for (const e of events) {
    for (const facts of e.dto.type === 'INVITE_SYNC' ? syncFactsOf(e) : [inviteFactsOf(e)]) {
      if (!facts) continue;
      const key = `${facts.guild_id}/${facts.code}`;
      const current = byCode.get(key);
      byCode.set(key, current ? mergeFacts(current, facts) : facts);
    }
  }
  const invites = [...byCode.values()];
  const joins = events.flatMap((e) => joinOf(e) ?? []);
  const leaves = events.flatMap((e) => leaveOf(e) ?? []);
  // Members whose stored joins/leaves may change now: only their joins' left_at can change.
  const guilds: string[] = [];
  const users: string[] = [];
  for (const j of joins) {
    guilds.push(j.guild_id);
    users.push(j.user_id);
  }
  for (const l of leaves) {
    guilds.push(l.guild_id);
    users.push(l.user_id);
  }
  return [
    ...(invites.length > 0 ? [invitesUpsert(invites)] : []),
    ...inviteSyncStatements(events, invites),
    ...(joins.length > 0
      ? [insertNew('invite_joins', JOIN_COLUMNS, joins, ['guild_id', 'user_id', 'joined_at', 'event_id'])]
      : []),
    ...(leaves.length > 0
      ? [insertNew('invite_leaves', LEAVE_COLUMNS, leaves, ['guild_id', 'user_id', 'left_at', 'event_id'])]
      : []),
    // No RETURNING on the inserts: recomputing left_at for a member whose rows were already there
    // changes nothing (unchanged rows are not rewritten), and it spares parsing one row back per join and
    // leave.
    ...(guilds.length > 0 ? [leftAtRecompute(guilds, users)] : []),
  ];
}

function invitesUpsert(invites: readonly InviteFacts[]): Statement {
  const { sql, params, names } = unnestSelect(INVITE_COLUMNS, invites);
  return {
    sql: `INSERT INTO invites (${names.join(', ')}) ${sql}
           ON CONFLICT (guild_id, code) DO UPDATE SET
             channel_id = COALESCE(EXCLUDED.channel_id, invites.channel_id),
             inviter_id = COALESCE(EXCLUDED.inviter_id, invites.inviter_id),
             inviter_username = COALESCE(EXCLUDED.inviter_username, invites.inviter_username),
             is_vanity = invites.is_vanity OR EXCLUDED.is_vanity,
             max_uses = COALESCE(EXCLUDED.max_uses, invites.max_uses),
             max_age_seconds = COALESCE(EXCLUDED.max_age_seconds, invites.max_age_seconds),
             temporary = COALESCE(EXCLUDED.temporary, invites.temporary),
             created_at = COALESCE(EXCLUDED.created_at, invites.created_at),
             expires_at = COALESCE(EXCLUDED.expires_at, invites.expires_at),
             uses = GREATEST(invites.uses, EXCLUDED.uses),
             deleted_at = GREATEST(invites.deleted_at, EXCLUDED.deleted_at),
             updated_at = GREATEST(invites.updated_at, EXCLUDED.updated_at)`,
    params,
  };
}

/**
 * left_at of a join: the first leave at or after it and before the member's next join. Rows whose value
 * stays the same are not rewritten.
 */
function leftAtRecompute(guilds: readonly string[], users: readonly string[]): Statement {
  const guildIds = arrayArgument(guilds, 'text', 1);
  const userIds = arrayArgument(users, 'text', 2);
  return {
    sql: `UPDATE invite_joins j SET left_at = c.left_at
           FROM (
             SELECT j.guild_id, j.user_id, j.joined_at, j.event_id, (
               SELECT min(l.left_at) FROM invite_leaves l
               WHERE l.guild_id = j.guild_id AND l.user_id = j.user_id AND l.left_at >= j.joined_at
                 AND NOT EXISTS (SELECT 1 FROM invite_joins n WHERE n.guild_id = j.guild_id AND n.user_id = j.user_id
                   AND n.joined_at > j.joined_at AND n.joined_at <= l.left_at)) AS left_at
             FROM invite_joins j
             JOIN (SELECT DISTINCT * FROM unnest(${guildIds.sql}, ${userIds.sql}) AS t(guild_id, user_id)) t
               ON j.guild_id = t.guild_id AND j.user_id = t.user_id
           ) c
           WHERE j.guild_id = c.guild_id AND j.user_id = c.user_id AND j.joined_at = c.joined_at
             AND j.event_id = c.event_id AND j.left_at IS DISTINCT FROM c.left_at`,
    params: [guildIds.param, userIds.param],
  };
}

/**
 * Invites, joins with their attribution, and leaves. Each join's `left_at` is recomputed from the
 * stored joins and leaves of the members a batch touched (order-independent, replay-safe); inviter stats
 * and the invite graph are views over `invite_joins`.
 */
export function invitesProjection(): Projection<Statement[]> {
  return {
    name: 'invites',
    handles: INVITE_EVENT_TYPES,
    // Small events: bigger catch-up batches spread each statement's fixed cost over more rows.
    catchUpBatchSize: 5000,
    readIndexes: ['invite_joins_inviter_idx', 'invite_joins_guild_time_idx'],
    prepare: prepareInvites,
    async apply(trx, _recorded, statements): Promise<void> {
      sendLast(trx, statements);
    },
  };
}
