import type { RecordedEvent } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';
import { type ColumnTypes, insertRows } from '../shared/unnest-rows.js';
import {
  type CaggGroup,
  MEMBER_DETAIL_CAGGS,
  METRICS_CAGGS,
  readRawHorizon,
  recordTouchedWindows,
  refreshPendingWindows,
} from './activity-cagg.refresh.js';
import {
  type MemberActivitySnapshotRows,
  type MetricsSnapshotRows,
  readMemberActivitySnapshot,
  readMetricsSnapshot,
} from './snapshot-data.reader.js';

export const ACTIVITY_EVENT_TYPES = ['METRICS_SNAPSHOT', 'MEMBER_ACTIVITY_SNAPSHOT'] as const;
type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];

export interface ActivityProjectionOptions {
  /** Checkpoint key. Default `activity`. */
  readonly name?: string;
  /** Told when late snapshots older than the raw retention horizon are not stored. */
  readonly logger?: Pick<Logger, 'warn'>;
}

const iso = (ms: number) => new Date(ms).toISOString();

const SNAPSHOT_COLUMNS = {
  guild_id: 'text',
  ts: 'timestamptz',
  period_end: 'timestamptz',
  event_id: 'uuid',
  messages: 'integer',
  voice_ms: 'bigint',
  reactions: 'integer',
  voice_users: 'integer',
  voice_sessions: 'integer',
  voice_session_ms: 'bigint',
  active_members: 'integer',
} as const;
const CHANNEL_COLUMNS = {
  guild_id: 'text',
  channel_id: 'text',
  ts: 'timestamptz',
  messages: 'integer',
  voice_ms: 'bigint',
  peak_users: 'integer',
} as const;
const MEMBER_COLUMNS = {
  guild_id: 'text',
  user_id: 'text',
  ts: 'timestamptz',
  messages: 'integer',
  voice_ms: 'bigint',
  reactions: 'integer',
} as const;
const EMOJI_COLUMNS = { guild_id: 'text', emoji: 'text', ts: 'timestamptz', count: 'integer' } as const;
const MEMBER_SNAPSHOT_COLUMNS = {
  guild_id: 'text',
  ts: 'timestamptz',
  period_end: 'timestamptz',
  event_id: 'uuid',
  members: 'integer',
} as const;
const MEMBER_DETAIL_COLUMNS = {
  guild_id: 'text',
  user_id: 'text',
  ts: 'timestamptz',
  messages: 'integer',
  voice_ms: 'bigint',
  voice_sessions: 'integer',
  reactions_added: 'integer',
  reactions_received: 'integer',
  is_new_member: 'boolean',
  first_seen: 'timestamptz',
  last_seen: 'timestamptz',
} as const;
const MEMBER_CHANNEL_COLUMNS = {
  guild_id: 'text',
  user_id: 'text',
  channel_id: 'text',
  ts: 'timestamptz',
  messages: 'integer',
  voice_ms: 'bigint',
} as const;
/** A row of `columns`: one value per column. */
type RowOf<Columns> = Record<keyof Columns, unknown>;

/** Inserts `rows` into `table` in one statement (returns what `tail`, e.g. RETURNING, asks for). */
function insert<Row>(
  trx: SqlExecutor,
  table: string,
  columns: ColumnTypes<Row>,
  rows: readonly Row[],
  tail = '',
) {
  const { sql, params } = insertRows(table, columns, rows, tail);
  return trx.query<Record<string, unknown>>(sql, params);
}

/** First occurrence of each snapshot id in the batch (a batch may, in theory, carry a retry twice). */
function unique<T extends { eventId: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.eventId) && seen.add(r.eventId));
}

/** Drops snapshots older than the retention horizon: storing them would wipe the aggregates of a dropped day. */
async function withinRetention<T extends { ts: number; guildId: string; eventId: string }>(
  trx: SqlExecutor,
  group: CaggGroup,
  rows: T[],
  logger: ActivityProjectionOptions['logger'],
): Promise<T[]> {
  const horizon = await readRawHorizon(trx, group);
  if (horizon === null) return rows;
  const kept = rows.filter((r) => r.ts >= horizon);
  if (kept.length < rows.length) {
    logger?.warn(
      { group: group.name, skipped: rows.length - kept.length, horizon: iso(horizon) },
      'activity: snapshots older than the raw retention horizon were not stored',
    );
  }
  return kept;
}

async function storeMetricsSnapshots(
  trx: SqlExecutor,
  batch: MetricsSnapshotRows[],
  logger: ActivityProjectionOptions['logger'],
): Promise<void> {
  const snapshots = await withinRetention(trx, METRICS_CAGGS, unique(batch), logger);
  if (snapshots.length === 0) return;
  const { rows: inserted } = await insert(
    trx,
    'activity_snapshot',
    SNAPSHOT_COLUMNS,
    snapshots.map((s) => ({
      guild_id: s.guildId,
      ts: iso(s.ts),
      period_end: iso(s.periodEnd),
      event_id: s.eventId,
      messages: s.totals.messages,
      voice_ms: s.totals.voiceMs,
      reactions: s.totals.reactions,
      voice_users: s.totals.voiceUsers,
      voice_sessions: s.totals.voiceSessions,
      voice_session_ms: s.totals.voiceSessionMs,
      active_members: s.totals.activeMembers,
    })),
    ' ON CONFLICT DO NOTHING RETURNING event_id::text',
  );
  // Child rows only for snapshots stored now: a replayed snapshot changes nothing.
  const fresh = new Set(inserted.map((r) => r.event_id as string));
  const stored = snapshots.filter((s) => fresh.has(s.eventId));
  if (stored.length === 0) return;

  const channels: RowOf<typeof CHANNEL_COLUMNS>[] = [];
  const members: RowOf<typeof MEMBER_COLUMNS>[] = [];
  const emojis: RowOf<typeof EMOJI_COLUMNS>[] = [];
  for (const s of stored) {
    const ts = iso(s.ts);
    const guild_id = s.guildId;
    for (const c of s.channels) {
      channels.push({
        guild_id,
        channel_id: c.channelId,
        ts,
        messages: c.messages,
        voice_ms: c.voiceMs,
        peak_users: c.peakUsers,
      });
    }
    for (const m of s.members) {
      members.push({
        guild_id,
        user_id: m.userId,
        ts,
        messages: m.messages,
        voice_ms: m.voiceMs,
        reactions: m.reactions,
      });
    }
    for (const e of s.emojis) emojis.push({ guild_id, emoji: e.emoji, ts, count: e.count });
  }
  if (channels.length > 0) await insert(trx, 'activity_channel', CHANNEL_COLUMNS, channels);
  if (members.length > 0) await insert(trx, 'activity_member', MEMBER_COLUMNS, members);
  if (emojis.length > 0) await insert(trx, 'activity_emoji', EMOJI_COLUMNS, emojis);
  await recordTouchedWindows(
    trx,
    METRICS_CAGGS,
    stored.map((s) => s.ts),
  );
}

async function storeMemberActivitySnapshots(
  trx: SqlExecutor,
  batch: MemberActivitySnapshotRows[],
  logger: ActivityProjectionOptions['logger'],
): Promise<void> {
  const snapshots = await withinRetention(trx, MEMBER_DETAIL_CAGGS, unique(batch), logger);
  if (snapshots.length === 0) return;
  const { rows: inserted } = await insert(
    trx,
    'member_activity_snapshot',
    MEMBER_SNAPSHOT_COLUMNS,
    snapshots.map((s) => ({
      guild_id: s.guildId,
      ts: iso(s.ts),
      period_end: iso(s.periodEnd),
      event_id: s.eventId,
      members: s.members.length,
    })),
    ' ON CONFLICT DO NOTHING RETURNING event_id::text',
  );
  const fresh = new Set(inserted.map((r) => r.event_id as string));
  const stored = snapshots.filter((s) => fresh.has(s.eventId));
  if (stored.length === 0) return;

  const members = stored.flatMap((s) =>
    s.members.map((m) => ({
      guild_id: s.guildId,
      user_id: m.userId,
      ts: iso(s.ts),
      messages: m.messages,
      voice_ms: m.voiceMs,
      voice_sessions: m.voiceSessions,
      reactions_added: m.reactionsAdded,
      reactions_received: m.reactionsReceived,
      is_new_member: m.isNewMember,
      first_seen: m.firstSeen === null ? null : iso(m.firstSeen),
      last_seen: iso(m.lastSeen),
    })),
  );
  if (members.length > 0) await insert(trx, 'member_activity', MEMBER_DETAIL_COLUMNS, members);
  const channels = stored.flatMap((s) =>
    s.channels.map((c) => ({
      guild_id: s.guildId,
      user_id: c.userId,
      channel_id: c.channelId,
      ts: iso(s.ts),
      messages: c.messages,
      voice_ms: c.voiceMs,
    })),
  );
  if (channels.length > 0) await insert(trx, 'member_activity_channel', MEMBER_CHANNEL_COLUMNS, channels);
  await recordTouchedWindows(
    trx,
    MEMBER_DETAIL_CAGGS,
    stored.map((s) => s.ts),
  );
}

/**
 * The activity read model: METRICS_SNAPSHOT -> totals per guild / channel / member / emoji;
 * MEMBER_ACTIVITY_SNAPSHOT -> per-member detail. After each committed batch it refreshes the continuous
 * aggregate windows the batch touched (see activity-cagg.refresh.ts).
 */
export function createActivityProjection(options: ActivityProjectionOptions = {}): Projection {
  return {
    name: options.name ?? 'activity',
    handles: ACTIVITY_EVENT_TYPES,
    async apply(trx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
      const metrics: MetricsSnapshotRows[] = [];
      const details: MemberActivitySnapshotRows[] = [];
      for (const event of events) {
        const type = event.type as ActivityEventType;
        switch (type) {
          case 'METRICS_SNAPSHOT':
            metrics.push(readMetricsSnapshot(event.id, event.data));
            break;
          case 'MEMBER_ACTIVITY_SNAPSHOT':
            details.push(readMemberActivitySnapshot(event.id, event.data));
            break;
          default: {
            const unhandled: never = type;
            throw new Error(`activity projection does not handle ${String(unhandled)}`);
          }
        }
      }
      await storeMetricsSnapshots(trx, metrics, options.logger);
      await storeMemberActivitySnapshots(trx, details, options.logger);
    },
    async afterCommit(db: SqlExecutor): Promise<void> {
      await refreshPendingWindows(db, METRICS_CAGGS);
      await refreshPendingWindows(db, MEMBER_DETAIL_CAGGS);
    },
  };
}

/** The activity projection with default options. */
export const activityProjection: Projection = createActivityProjection();
