import { type ReadDb, type SqlExecutor, type Statement, sendLast } from '../read-db/read-db.port.js';
import type { ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import { guildEvent } from '../shared/guild-event.js';
import { arrayArgument, type ColumnTypes, insertNew, unnestSelect } from '../shared/unnest-rows.js';
import { MODERATION_EVENT_TYPES, type ModerationLogRow, rowFor } from './moderation-entry.js';
import {
  lookupsFor,
  type ModerationPlan,
  pairBatch,
  planNotifications,
  type StoredRowLookup,
} from './moderation-pairing.js';

/** The moderation_log columns and their Postgres types (the order of the projection's INSERT). */
export const MODERATION_LOG_COLUMNS: ColumnTypes<ModerationLogRow> = {
  entry_id: 'text',
  guild_id: 'text',
  action: 'text',
  occurred_at: 'timestamptz',
  target_user_id: 'text',
  target_username: 'text',
  moderator_id: 'text',
  moderator_username: 'text',
  reason: 'text',
  channel_id: 'text',
  message_id: 'text',
  message_count: 'integer',
  deleted_by_certainty: 'text',
  audit_log_action: 'text',
  audit_log_entry_id: 'text',
  details: 'jsonb',
  match_key: 'text',
  source: 'text',
  stream_id: 'text',
  revision: 'bigint',
  event_id: 'text',
  position: 'text',
  event_type: 'text',
  matched_event_id: 'text',
  matched_stream_id: 'text',
  matched_revision: 'bigint',
  matched_position: 'text',
  superseded_by: 'text',
};

/** What a match changes on the row that keeps its entry id. */
const MATCH_COLUMNS = [
  'entry_id',
  'action',
  'moderator_id',
  'moderator_username',
  'reason',
  'target_username',
  'channel_id',
  'message_id',
  'message_count',
  'deleted_by_certainty',
  'audit_log_action',
  'audit_log_entry_id',
  'details',
  'matched_event_id',
  'matched_stream_id',
  'matched_revision',
  'matched_position',
  'superseded_by',
] as const satisfies readonly (keyof ModerationLogRow)[];
const MATCH_COLUMN_TYPES = Object.fromEntries(
  MATCH_COLUMNS.map((c) => [c, MODERATION_LOG_COLUMNS[c]]),
) as ColumnTypes<Pick<ModerationLogRow, (typeof MATCH_COLUMNS)[number]>>;

const LOOKUP_COLUMNS: ColumnTypes<StoredRowLookup> = {
  guild_id: 'text',
  target_user_id: 'text',
  key: 'text',
  from_ts: 'timestamptz',
  to_ts: 'timestamptz',
};

/**
 * The unmatched rows with the lookup's match key, for one lookup `k`. The target is compared by `=` or
 * `IS NULL` in two branches: an OR of both could not be an index condition and would scan every row of
 * the guild.
 */
const COUNTERPARTS_OF_KEY = `
  SELECT * FROM moderation_log m
  WHERE k.target_user_id IS NOT NULL AND m.guild_id = k.guild_id
    AND m.target_user_id = k.target_user_id AND m.occurred_at BETWEEN k.from_ts AND k.to_ts
    AND m.match_key = k.key AND m.matched_event_id IS NULL
  UNION ALL
  SELECT * FROM moderation_log m
  WHERE k.target_user_id IS NULL AND m.guild_id = k.guild_id
    AND m.target_user_id IS NULL AND m.occurred_at BETWEEN k.from_ts AND k.to_ts
    AND m.match_key = k.key AND m.matched_event_id IS NULL`;

/** The member's rows with the lookup's action (ban or leave), for one lookup `k`. */
const BANS_AND_LEAVES_OF_KEY = `
  SELECT * FROM moderation_log m
  WHERE m.guild_id = k.guild_id AND m.target_user_id = k.target_user_id AND m.action = k.key
    AND m.occurred_at BETWEEN k.from_ts AND k.to_ts`;

/**
 * The stored rows `perLookup` finds for each lookup, each row once, in log order (none without lookups).
 * Each lookup's own window: an index range scan per lookup on (guild, target, time) (LATERAL + OFFSET 0
 * keeps it a nested loop; PGlite never analyzes, so mid-replay the planner would otherwise hash every
 * unmatched row of the table), not the batch's whole time span.
 */
function storedRows(
  conn: SqlExecutor,
  lookups: readonly StoredRowLookup[],
  perLookup: string,
): Promise<{ rows: Record<string, unknown>[] }> {
  if (lookups.length === 0) return Promise.resolve({ rows: [] });
  const keys = unnestSelect(LOOKUP_COLUMNS, lookups);
  return conn.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (c.occurred_at, c.position, c.entry_id) c.*
     FROM (${keys.sql}) AS k
     CROSS JOIN LATERAL (${perLookup}
       OFFSET 0
     ) c
     ORDER BY c.occurred_at, c.position, c.entry_id`,
    keys.params,
  );
}

function toRow(db: Record<string, unknown>): ModerationLogRow {
  const r = { ...db } as unknown as ModerationLogRow;
  r.occurred_at = (db.occurred_at as Date).toISOString();
  r.revision = Number(db.revision);
  r.matched_revision = db.matched_revision === null ? null : Number(db.matched_revision);
  return r;
}

/** The batch's writes and notifications, from its own rows and the stored rows they may match. */
interface ModerationWrites {
  readonly writes: readonly Statement[];
  readonly notifications: readonly ProjectionNotification[];
}

/**
 * Set-based per batch: one guard query (events and audit entries already applied) with the horizon, one
 * query per kind of lookup for stored counterparts, the pairing in memory (moderation-pairing.ts), then
 * one INSERT and one UPDATE (returned, for the transaction to send).
 */
async function planWrites(db: ReadDb, own: ModerationLogRow[]): Promise<ModerationWrites> {
  const ids = arrayArgument(
    own.map((r) => r.event_id),
    'text',
    1,
  );
  const auditIds = arrayArgument(
    own.flatMap((r) => (r.audit_log_entry_id ? [r.audit_log_entry_id] : [])),
    'text',
    2,
  );
  // One hold of the connection for both (on PGlite, not two turns in its queue).
  const [applied, stored] = await db.session((conn) =>
    Promise.all([
      conn.query<{ id: string }>(
        `SELECT entry_id AS id FROM moderation_log WHERE entry_id = ANY(${ids.sql})
       UNION ALL SELECT matched_event_id FROM moderation_log
         WHERE matched_event_id = ANY(${ids.sql}) AND matched_event_id IS NOT NULL
       UNION ALL SELECT audit_log_entry_id FROM moderation_log
         WHERE audit_log_entry_id = ANY(${auditIds.sql}) AND audit_log_entry_id IS NOT NULL`,
        [ids.param, auditIds.param],
      ),
      // Stored rows are no later than the horizon: lookupsFor skips rows whose window starts after it.
      conn.query<{ at: Date }>('SELECT max_occurred_at AS at FROM moderation_log_horizon'),
    ]),
  );
  const done = new Set(applied.rows.map((r) => r.id));
  const lookups = lookupsFor(own, done, stored.rows[0]?.at.getTime() ?? null);
  // Both lookups in one hold of the connection; each only when some row may have a stored counterpart.
  const [counterparts, bansAndLeaves] = await db.session((conn) =>
    Promise.all([
      storedRows(conn, lookups.counterparts, COUNTERPARTS_OF_KEY),
      storedRows(conn, lookups.bansAndLeaves, BANS_AND_LEAVES_OF_KEY),
    ]),
  );
  const plan = pairBatch(own, {
    applied: done,
    counterparts: counterparts.rows.map(toRow),
    bansAndLeaves: bansAndLeaves.rows.map(toRow),
  });
  return { writes: writesFor(plan), notifications: planNotifications(plan) };
}

/** The plan as statements: one INSERT of the new rows, one UPDATE of the changed ones, the horizon. */
function writesFor({ inserts, updates, horizon }: ModerationPlan): Statement[] {
  const writes: Statement[] = [];
  if (inserts.length > 0)
    writes.push(insertNew('moderation_log', MODERATION_LOG_COLUMNS, inserts, ['entry_id']));
  if (updates.length > 0) {
    const { sql, params } = unnestSelect(MATCH_COLUMN_TYPES, updates);
    writes.push({
      sql: `UPDATE moderation_log m SET action = x.action, moderator_id = x.moderator_id,
         moderator_username = x.moderator_username, reason = x.reason, target_username = x.target_username,
         audit_log_action = x.audit_log_action, audit_log_entry_id = x.audit_log_entry_id, details = x.details,
         matched_event_id = x.matched_event_id, matched_stream_id = x.matched_stream_id,
         matched_revision = x.matched_revision, matched_position = x.matched_position,
         channel_id = x.channel_id, message_id = x.message_id, message_count = x.message_count,
         deleted_by_certainty = x.deleted_by_certainty, superseded_by = x.superseded_by
       FROM (${sql}) AS x
       WHERE m.entry_id = x.entry_id`,
      params,
    });
  }
  if (horizon !== null) {
    writes.push({
      sql: `INSERT INTO moderation_log_horizon (max_occurred_at) VALUES ($1)
       ON CONFLICT (id) DO UPDATE SET max_occurred_at = GREATEST(moderation_log_horizon.max_occurred_at, EXCLUDED.max_occurred_at)`,
      params: [horizon],
    });
  }
  return writes;
}

/**
 * The moderation log. Each event's own row is built before the batch waits for the database (`prepare`);
 * the lookups and the pairing run outside the transaction (`read`: other projections' transactions go
 * on meanwhile); the transaction only writes.
 */
export function moderationLogProjection(): Projection<ModerationLogRow[], ModerationWrites> {
  return {
    name: 'moderation-log',
    handles: MODERATION_EVENT_TYPES,
    // Small events: bigger catch-up batches spread each statement's fixed cost over more rows.
    catchUpBatchSize: 5000,
    readIndexes: [
      'moderation_log_guild_time_idx',
      'moderation_log_guild_action_idx',
      'moderation_log_guild_moderator_idx',
    ],
    prepare: (recorded) => recorded.map((r) => rowFor(guildEvent(r))),
    read: (db, _recorded, own) => planWrites(db, own),
    async apply(trx, _recorded, { writes, notifications }): Promise<readonly ProjectionNotification[]> {
      sendLast(trx, writes);
      return notifications;
    },
  };
}
