import type { Statement } from '../read-db/read-db.port.js';
import { type GuildEvent, occurredAt } from '../shared/guild-event.js';
import { arrayArgument, type ColumnTypes, insertNew, unnestSelect } from '../shared/unnest-rows.js';
import type { Presence } from './members-upsert.js';

/** Guild events whose member count is Discord's report (the members projection reads them for it). */
export const MEMBER_COUNT_EVENT_TYPES = ['GUILD_SYNC', 'GUILD_CREATE', 'GUILD_UPDATE'] as const;

/** A member count Discord reported, keyed like every fact (event time, then revision). */
interface Report {
  guild_id: string;
  reported_count: number;
  reported_at: string;
  reported_revision: number;
}

const REPORT_COLUMNS: ColumnTypes<Report> = {
  guild_id: 'text',
  reported_count: 'integer',
  reported_at: 'timestamptz',
  reported_revision: 'bigint',
};

function reportOf(e: GuildEvent): Report | null {
  const dto = e.dto;
  const count =
    dto.type === 'GUILD_SYNC'
      ? dto.data.guild.memberCount
      : dto.type === 'GUILD_CREATE'
        ? dto.data.memberCount
        : dto.type === 'GUILD_UPDATE'
          ? dto.data.changes.memberCount?.new
          : undefined;
  if (typeof count !== 'number') return null;
  return {
    guild_id: dto.guildId,
    reported_count: count,
    reported_at: occurredAt(e),
    reported_revision: e.recorded.revision,
  };
}

/** The newest report per guild of the batch (by event time, then revision). */
function newestReports(events: readonly GuildEvent[]): Report[] {
  const byGuild = new Map<string, Report>();
  for (const e of events) {
    const r = reportOf(e);
    if (!r) continue;
    const current = byGuild.get(r.guild_id);
    if (
      !current ||
      r.reported_at > current.reported_at ||
      (r.reported_at === current.reported_at && r.reported_revision > current.reported_revision)
    )
      byGuild.set(r.guild_id, r);
  }
  return [...byGuild.values()];
}

const countAfter = (kind: 'join' | 'leave') =>
  `(SELECT count(*)::int FROM member_presence_events p WHERE p.guild_id = r.guild_id AND p.kind = '${kind}'
     AND (p.occurred_at, p.revision) > (r.reported_at, r.reported_revision))`;

/**
 * The batch's newest report per guild, when newer than the stored one, with the joins and leaves stored
 * after it counted from member history (run after the batch's joins and leaves are stored). Reports are
 * rare (bot start, bot added), so the recount is cheap where it matters.
 */
export function reportsUpsert(events: readonly GuildEvent[]): Statement | null {
  const reports = newestReports(events);
  if (reports.length === 0) return null;
  const { sql, params } = unnestSelect(REPORT_COLUMNS, reports);
  return {
    sql: `INSERT INTO guild_member_counts AS c
       (guild_id, reported_count, reported_at, reported_revision, joins_after, leaves_after)
     SELECT r.guild_id, r.reported_count, r.reported_at, r.reported_revision, ${countAfter('join')}, ${countAfter('leave')}
     FROM (${sql}) AS r
     ON CONFLICT (guild_id) DO UPDATE SET reported_count = EXCLUDED.reported_count,
       reported_at = EXCLUDED.reported_at, reported_revision = EXCLUDED.reported_revision,
       joins_after = EXCLUDED.joins_after, leaves_after = EXCLUDED.leaves_after
     WHERE c.reported_at IS NULL
       OR (EXCLUDED.reported_at, EXCLUDED.reported_revision) > (c.reported_at, c.reported_revision)`,
    params,
  };
}

type FreshKey = Pick<Presence, 'guild_id' | 'kind' | 'occurred_at' | 'revision'>;
const FRESH_COLUMNS: ColumnTypes<FreshKey> = {
  guild_id: 'text',
  kind: 'text',
  occurred_at: 'timestamptz',
  revision: 'bigint',
};

/**
 * Adds the fresh joins and leaves that come after each guild's stored report (run before the batch's
 * reports, whose recount then includes them).
 */
export function countsIncrement(fresh: readonly Presence[]): Statement | null {
  if (fresh.length === 0) return null;
  const { sql, params } = unnestSelect(
    FRESH_COLUMNS,
    fresh.map((p) => ({
      guild_id: p.guild_id,
      kind: p.kind,
      occurred_at: p.occurred_at,
      revision: p.revision,
    })),
  );
  return {
    sql: `UPDATE guild_member_counts c SET joins_after = c.joins_after + d.joins,
       leaves_after = c.leaves_after + d.leaves
     FROM (SELECT f.guild_id, (count(*) FILTER (WHERE f.kind = 'join'))::int AS joins,
         (count(*) FILTER (WHERE f.kind = 'leave'))::int AS leaves
       FROM (${sql}) AS f JOIN guild_member_counts g ON g.guild_id = f.guild_id
       WHERE g.reported_at IS NOT NULL
         AND (f.occurred_at, f.revision) > (g.reported_at, g.reported_revision)
       GROUP BY f.guild_id) AS d
     WHERE c.guild_id = d.guild_id`,
    params,
  };
}

interface ListChunk {
  sync_id: string;
  chunk_index: number;
  guild_id: string;
  chunk_count: number;
  started_at: string;
}

const CHUNK_COLUMNS: ColumnTypes<ListChunk> = {
  sync_id: 'text',
  chunk_index: 'integer',
  guild_id: 'text',
  chunk_count: 'integer',
  started_at: 'timestamptz',
};

/** The member-list chunks of a batch. */
export function listChunksOf(events: readonly GuildEvent[]): ListChunk[] {
  const chunks: ListChunk[] = [];
  for (const e of events) {
    if (e.dto.type !== 'GUILD_MEMBERS_SYNC') continue;
    const d = e.dto.data;
    chunks.push({
      sync_id: d.syncId,
      chunk_index: d.chunkIndex,
      guild_id: e.dto.guildId,
      chunk_count: d.chunkCount,
      started_at: occurredAt(e),
    });
  }
  return chunks;
}

/** Guilds of the lists `syncs` (an SQL array) that have all their chunks, with each list's start. */
const completedLists = (syncs: string) =>
  `SELECT guild_id, min(started_at) AS started_at FROM member_list_chunks WHERE sync_id = ANY(${syncs})
   GROUP BY sync_id, guild_id, chunk_count HAVING count(*) >= chunk_count`;

/** SQL of the guilds whose lists among `syncs` (an SQL array) are complete. */
export const completedListGuilds = (syncs: string) => `SELECT guild_id FROM (${completedLists(syncs)}) AS l`;

/**
 * Stores the batch's chunks (once each), then records on each guild the latest list now complete: from
 * then on, the members it did not name are gone (see member-presence.ts).
 */
export function listStatements(chunks: readonly ListChunk[]): Statement[] {
  if (chunks.length === 0) return [];
  const syncIds = arrayArgument([...new Set(chunks.map((c) => c.sync_id))], 'text', 1, false);
  return [
    insertNew('member_list_chunks', CHUNK_COLUMNS, chunks, ['sync_id', 'chunk_index']),
    {
      sql: `INSERT INTO guild_member_counts AS c (guild_id, list_synced_at)
         SELECT guild_id, max(started_at) FROM (${completedLists(syncIds.sql)}) AS l GROUP BY guild_id
         ON CONFLICT (guild_id) DO UPDATE SET list_synced_at = EXCLUDED.list_synced_at
         WHERE c.list_synced_at IS NULL OR EXCLUDED.list_synced_at > c.list_synced_at`,
      params: [syncIds.param],
    },
  ];
}
