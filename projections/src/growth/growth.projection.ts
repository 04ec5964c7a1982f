import type { RecordedEvent } from '@guildscope/write-side';
import {
  type CaggGroup,
  recordTouchedWindows,
  refreshPendingWindows,
} from '../activity/activity-cagg.refresh.js';
import { SnapshotDataError } from '../activity/snapshot-data.reader.js';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';
import { type ColumnTypes, unnestSelect } from '../shared/unnest-rows.js';

export const GROWTH_EVENT_TYPES = ['GUILD_MEMBER_ADD', 'GUILD_MEMBER_REMOVE', 'GUILD_BAN_ADD'] as const;
type GrowthEventType = (typeof GROWTH_EVENT_TYPES)[number];

export const GROWTH_CAGGS: CaggGroup = {
  name: 'growth',
  hourly: [],
  daily: ['member_flow_daily'],
  rawTables: ['member_flow'],
  retained: false,
};

interface FlowRow {
  guildId: string;
  ts: number;
  eventId: string;
  userId: string;
  kind: 'join' | 'leave' | 'ban';
}

const MEMBER_FLOW_COLUMNS: ColumnTypes<{
  guild_id: string;
  ts: string;
  event_id: string;
  user_id: string;
  kind: string;
}> = { guild_id: 'text', ts: 'timestamptz', event_id: 'uuid', user_id: 'text', kind: 'text' };

function field(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new SnapshotDataError(
      `${path} must be a non-empty string, got ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  return value;
}

/** Reads one stored BotEventDto `{ guildId, timestamp, data }` into a member-flow row. */
export function readMemberFlow(event: Pick<RecordedEvent, 'id' | 'type' | 'data'>): FlowRow {
  const type = event.type as GrowthEventType;
  const dto = (event.data ?? {}) as {
    guildId?: unknown;
    timestamp?: unknown;
    data?: Record<string, unknown>;
  };
  const guildId = field(dto.guildId, `${type}.guildId`);
  if (typeof dto.timestamp !== 'number' || !Number.isSafeInteger(dto.timestamp) || dto.timestamp < 0)
    throw new SnapshotDataError(
      `${type}.timestamp must be epoch milliseconds, got ${JSON.stringify(dto.timestamp)}`,
    );
  const data = dto.data ?? {};
  const base = { guildId, ts: dto.timestamp, eventId: event.id.toLowerCase() };
  switch (type) {
    case 'GUILD_MEMBER_ADD':
      return { ...base, userId: field(data.userId, `${type}.data.userId`), kind: 'join' };
    case 'GUILD_MEMBER_REMOVE':
      return { ...base, userId: field(data.userId, `${type}.data.userId`), kind: 'leave' };
    case 'GUILD_BAN_ADD':
      return { ...base, userId: field(data.targetUserId, `${type}.data.targetUserId`), kind: 'ban' };
    default: {
      const unhandled: never = type;
      throw new Error(`growth projection does not handle ${String(unhandled)}`);
    }
  }
}

/**
 * Joins / leaves / bans over time. A leave is a GUILD_MEMBER_REMOVE (leave, kick or ban alike: Discord
 * sends one for each); a GUILD_BAN_ADD is counted as a ban only, never as a second leave.
 */
export function createGrowthProjection(options: { readonly name?: string } = {}): Projection {
  return {
    name: options.name ?? 'growth',
    handles: GROWTH_EVENT_TYPES,
    async apply(trx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void> {
      if (events.length === 0) return;
      const rows = events.map(readMemberFlow);
      const { sql, params, names } = unnestSelect(
        MEMBER_FLOW_COLUMNS,
        rows.map((r) => ({
          guild_id: r.guildId,
          ts: new Date(r.ts).toISOString(),
          event_id: r.eventId,
          user_id: r.userId,
          kind: r.kind,
        })),
      );
      const { rows: inserted } = await trx.query<{ ts: Date }>(
        `INSERT INTO member_flow (${names.join(', ')}) ${sql} ON CONFLICT DO NOTHING RETURNING ts`,
        params,
      );
      await recordTouchedWindows(
        trx,
        GROWTH_CAGGS,
        inserted.map((r) => r.ts.getTime()),
      );
    },
    async afterCommit(db: SqlExecutor): Promise<void> {
      await refreshPendingWindows(db, GROWTH_CAGGS);
    },
  };
}

/** The growth projection with default options. */
export const growthProjection: Projection = createGrowthProjection();
