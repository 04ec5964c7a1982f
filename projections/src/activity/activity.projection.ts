import type { RecordedEvent } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';
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
  const { rows: inserted } = await trx.query<{ event_id: string }>(
    `INSERT INTO activity_snapshot (guild_id, ts, period_end, event_id, messages, voice_ms, reactions,
       voice_users, voice_sessions, voice_session_ms, active_members)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::uuid[], $5::int[], $6::int8[],
       $7::int[], $8::int[], $9::int[], $10::int8[], $11::int[])
     ON CONFLICT DO NOTHING
     RETURNING event_id::text`,
    [
      snapshots.map((s) => s.guildId),
      snapshots.map((s) => iso(s.ts)),
      snapshots.map((s) => iso(s.periodEnd)),
      snapshots.map((s) => s.eventId),
      snapshots.map((s) => s.totals.messages),
      snapshots.map((s) => s.totals.voiceMs),
      snapshots.map((s) => s.totals.reactions),
      snapshots.map((s) => s.totals.voiceUsers),
      snapshots.map((s) => s.totals.voiceSessions),
      snapshots.map((s) => s.totals.voiceSessionMs),
      snapshots.map((s) => s.totals.activeMembers),
    ],
  );
  // Child rows only for snapshots stored now: a replayed snapshot changes nothing.
  const fresh = new Set(inserted.map((r) => r.event_id));
  const stored = snapshots.filter((s) => fresh.has(s.eventId));
  if (stored.length === 0) return;

  const ch = {
    g: [] as string[],
    c: [] as string[],
    t: [] as string[],
    m: [] as number[],
    v: [] as number[],
    p: [] as (number | null)[],
  };
  const mb = {
    g: [] as string[],
    u: [] as string[],
    t: [] as string[],
    m: [] as number[],
    v: [] as number[],
    r: [] as number[],
  };
  const em = { g: [] as string[], e: [] as string[], t: [] as string[], n: [] as number[] };
  for (const s of stored) {
    const ts = iso(s.ts);
    for (const c of s.channels) {
      ch.g.push(s.guildId);
      ch.c.push(c.channelId);
      ch.t.push(ts);
      ch.m.push(c.messages);
      ch.v.push(c.voiceMs);
      ch.p.push(c.peakUsers);
    }
    for (const m of s.members) {
      mb.g.push(s.guildId);
      mb.u.push(m.userId);
      mb.t.push(ts);
      mb.m.push(m.messages);
      mb.v.push(m.voiceMs);
      mb.r.push(m.reactions);
    }
    for (const e of s.emojis) {
      em.g.push(s.guildId);
      em.e.push(e.emoji);
      em.t.push(ts);
      em.n.push(e.count);
    }
  }
  if (ch.g.length > 0) {
    await trx.query(
      `INSERT INTO activity_channel (guild_id, channel_id, ts, messages, voice_ms, peak_users)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int8[], $6::int[])`,
      [ch.g, ch.c, ch.t, ch.m, ch.v, ch.p],
    );
  }
  if (mb.g.length > 0) {
    await trx.query(
      `INSERT INTO activity_member (guild_id, user_id, ts, messages, voice_ms, reactions)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int8[], $6::int[])`,
      [mb.g, mb.u, mb.t, mb.m, mb.v, mb.r],
    );
  }
  if (em.g.length > 0) {
    await trx.query(
      `INSERT INTO activity_emoji (guild_id, emoji, ts, count)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[])`,
      [em.g, em.e, em.t, em.n],
    );
  }
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
  const { rows: inserted } = await trx.query<{ event_id: string }>(
    `INSERT INTO member_activity_snapshot (guild_id, ts, period_end, event_id, members)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::uuid[], $5::int[])
     ON CONFLICT DO NOTHING
     RETURNING event_id::text`,
    [
      snapshots.map((s) => s.guildId),
      snapshots.map((s) => iso(s.ts)),
      snapshots.map((s) => iso(s.periodEnd)),
      snapshots.map((s) => s.eventId),
      snapshots.map((s) => s.members.length),
    ],
  );
  const fresh = new Set(inserted.map((r) => r.event_id));
  const stored = snapshots.filter((s) => fresh.has(s.eventId));
  if (stored.length === 0) return;

  const members = stored.flatMap((s) => s.members.map((m) => ({ s, m })));
  if (members.length > 0) {
    await trx.query(
      `INSERT INTO member_activity (guild_id, user_id, ts, messages, voice_ms, voice_sessions, reactions_added,
         reactions_received, is_new_member, first_seen, last_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int8[], $6::int[], $7::int[],
         $8::int[], $9::bool[], $10::timestamptz[], $11::timestamptz[])`,
      [
        members.map(({ s }) => s.guildId),
        members.map(({ m }) => m.userId),
        members.map(({ s }) => iso(s.ts)),
        members.map(({ m }) => m.messages),
        members.map(({ m }) => m.voiceMs),
        members.map(({ m }) => m.voiceSessions),
        members.map(({ m }) => m.reactionsAdded),
        members.map(({ m }) => m.reactionsReceived),
        members.map(({ m }) => m.isNewMember),
        members.map(({ m }) => (m.firstSeen === null ? null : iso(m.firstSeen))),
        members.map(({ m }) => iso(m.lastSeen)),
      ],
    );
  }
  const channels = stored.flatMap((s) => s.channels.map((c) => ({ s, c })));
  if (channels.length > 0) {
    await trx.query(
      `INSERT INTO member_activity_channel (guild_id, user_id, channel_id, ts, messages, voice_ms)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int8[])`,
      [
        channels.map(({ s }) => s.guildId),
        channels.map(({ c }) => c.userId),
        channels.map(({ c }) => c.channelId),
        channels.map(({ s }) => iso(s.ts)),
        channels.map(({ c }) => c.messages),
        channels.map(({ c }) => c.voiceMs),
      ],
    );
  }
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
