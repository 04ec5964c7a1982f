import type { SqlExecutor } from '../read-db.js';

/**
 * Each guild's member count now (members projection, `guild_member_counts`): when Discord's latest complete
 * member list is at least as recent as its latest count report, the members present (the list, then the
 * joins and leaves after it, member by member); else the reported count plus the joins and minus the
 * leaves after the report. Guilds the members projection has no count for are absent. One query for a
 * whole batch of guilds (DataLoader).
 */
export async function memberCountsByGuild(
  db: SqlExecutor,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ guild_id: string; member_count: number | null }>(
    `SELECT c.guild_id, CASE
       WHEN c.list_synced_at IS NOT NULL AND (c.reported_at IS NULL OR c.list_synced_at >= c.reported_at)
         THEN (SELECT count(*)::int FROM members m WHERE m.guild_id = c.guild_id AND m.is_present)
       ELSE greatest(0, c.reported_count + c.joins_after - c.leaves_after)
     END AS member_count
     FROM guild_member_counts c WHERE c.guild_id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Map(rows.flatMap((r) => (r.member_count === null ? [] : [[r.guild_id, r.member_count]])));
}
