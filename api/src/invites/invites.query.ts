import type { InviteClass } from '@guildscope/contracts';
import type { SqlExecutor } from '../read-db.js';
import type { TimeWindow } from '../shared/time-range.js';

export interface InviterStatsRow {
  inviter_id: string;
  inviter_username: string | null;
  joins: number;
  still_present: number;
  left_count: number;
  fake: number;
}

/** Inviters by joins (then by id, for a stable order); all time, or joins that happened in `window`. */
export async function topInviters(
  db: SqlExecutor,
  guildId: string,
  limit: number,
  window: TimeWindow | null,
): Promise<InviterStatsRow[]> {
  const { rows } = window
    ? await db.query<InviterStatsRow>(
        `SELECT inviter_id,
           (array_agg(inviter_username ORDER BY joined_at DESC) FILTER (WHERE inviter_username IS NOT NULL))[1] AS inviter_username,
           count(*)::int AS joins,
           count(*) FILTER (WHERE still_present)::int AS still_present,
           count(*) FILTER (WHERE NOT still_present)::int AS left_count,
           count(*) FILTER (WHERE is_fake)::int AS fake
         FROM invite_join_facts
         WHERE guild_id = $1 AND inviter_id IS NOT NULL AND joined_at >= $2 AND joined_at < $3
         GROUP BY inviter_id ORDER BY joins DESC, inviter_id LIMIT $4`,
        [guildId, window.from, window.to, limit],
      )
    : await db.query<InviterStatsRow>(
        `SELECT inviter_id, inviter_username, joins, still_present, left_count, fake
         FROM inviter_stats WHERE guild_id = $1 ORDER BY joins DESC, inviter_id LIMIT $2`,
        [guildId, limit],
      );
  return rows;
}

export interface InviteRow {
  code: string;
  channel_id: string | null;
  inviter_id: string | null;
  inviter_username: string | null;
  uses: number;
  max_uses: number | null;
  created_at: Date | null;
  expires_at: Date | null;
  temporary: boolean | null;
}

/** Invites not deleted (nor missing from the bot's last sync), not expired and not used up, most used first. */
export async function activeInvites(db: SqlExecutor, guildId: string, now: Date): Promise<InviteRow[]> {
  const { rows } = await db.query<InviteRow>(
    `SELECT code, channel_id, inviter_id, inviter_username, uses, max_uses, created_at, expires_at, temporary
     FROM invites
     WHERE guild_id = $1 AND deleted_at IS NULL AND missing_since IS NULL AND (expires_at IS NULL OR expires_at > $2)
       AND (coalesce(max_uses, 0) = 0 OR uses < max_uses)
     ORDER BY uses DESC, code
     LIMIT 1000`,
    [guildId, now],
  );
  return rows;
}

export interface JoinClassRow {
  join_class: InviteClass;
  count: number;
}

export async function joinClasses(
  db: SqlExecutor,
  guildId: string,
  window: TimeWindow | null,
): Promise<JoinClassRow[]> {
  const { rows } = await db.query<JoinClassRow>(
    `SELECT join_class, count(*)::int AS count FROM invite_joins
     WHERE guild_id = $1 AND ($2::timestamptz IS NULL OR (joined_at >= $2 AND joined_at < $3))
     GROUP BY join_class ORDER BY count DESC, join_class`,
    [guildId, window?.from ?? null, window?.to ?? null],
  );
  return rows;
}

export interface GraphEdgeRow {
  source_user_id: string;
  target_user_id: string;
  invite_code: string | null;
  joined_at: Date;
  still_present: boolean;
  is_fake: boolean;
}

export interface GraphNodeRow {
  user_id: string;
  username: string | null;
  present: boolean;
}

/** The newest `limit` edges and the users they touch (names and presence from `members`), in two queries. */
export async function inviteGraph(
  db: SqlExecutor,
  guildId: string,
  limit: number,
): Promise<{ edges: GraphEdgeRow[]; nodes: GraphNodeRow[] }> {
  const { rows: edges } = await db.query<GraphEdgeRow>(
    `SELECT source_user_id, target_user_id, invite_code, joined_at, still_present, is_fake
     FROM invite_graph_edges WHERE guild_id = $1 ORDER BY joined_at DESC, event_id LIMIT $2`,
    [guildId, limit],
  );
  const ids = [...new Set(edges.flatMap((e) => [e.source_user_id, e.target_user_id]))];
  if (ids.length === 0) return { edges, nodes: [] };
  const { rows: nodes } = await db.query<GraphNodeRow>(
    `SELECT u.user_id, m.username, coalesce(m.is_present, false) AS present
     FROM unnest($2::text[]) AS u(user_id)
     LEFT JOIN members m ON m.guild_id = $1 AND m.user_id = u.user_id
     ORDER BY u.user_id`,
    [guildId, ids],
  );
  return { edges, nodes };
}
