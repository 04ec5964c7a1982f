import type { Statement } from '../read-db/read-db.port.js';
import { arrayArgument } from '../shared/unnest-rows.js';
import { completedListGuilds } from './guild-member-counts.js';

/**
 * Whether a member is in the guild, from the facts the row holds (`m`) and its guild's latest complete
 * member list (`c.list_synced_at`). The latest fact decides: a join (present) or a leave (left), a member
 * list naming the member (present, at `listed_at`) or a complete list not naming it (left, at the list's
 * time, which is when its fetch started). A join or leave at the same instant as a list wins: the list may
 * or may not have caught it. With no fact at all, a member seen active is present, any other (known only
 * from a ban) is unknown. Every input is a merge that does not depend on batch boundaries, so neither
 * does the result.
 */
const ABSENT_FROM_LIST = `CASE WHEN c.list_synced_at IS NOT NULL
  AND (m.listed_at IS NULL OR c.list_synced_at > m.listed_at) THEN c.list_synced_at END`;
const BY_EVENTS = 'GREATEST(m.last_joined_at, m.left_at)';
const BY_LISTS = `GREATEST(m.listed_at, ${ABSENT_FROM_LIST})`;

export const PRESENCE_SQL = `CASE
  WHEN ${BY_EVENTS} IS NULL AND ${BY_LISTS} IS NULL THEN
    CASE WHEN m.last_seen_at IS NOT NULL THEN 'present' ELSE 'unknown' END
  WHEN ${BY_LISTS} IS NULL OR ${BY_EVENTS} >= ${BY_LISTS} THEN
    CASE WHEN m.last_joined_at IS NOT NULL AND (m.left_at IS NULL OR m.last_joined_at > m.left_at)
      THEN 'present' ELSE 'left' END
  WHEN ${ABSENT_FROM_LIST} IS NULL THEN 'present'
  ELSE 'left'
END`;

/**
 * Decides `presence` (and `is_present`) again for the members a batch touched (`keys`: guild and user
 * ids), and for every member of a guild whose member list the batch completed (`syncIds`: the lists
 * the batch had chunks of). Only rows whose presence changes are written.
 */
export function presenceUpdate(
  keys: readonly { guild_id: string; user_id: string }[],
  syncIds: readonly string[],
): Statement | null {
  if (keys.length === 0 && syncIds.length === 0) return null;
  const guilds = arrayArgument(
    keys.map((k) => k.guild_id),
    'text',
    1,
    false,
  );
  const users = arrayArgument(
    keys.map((k) => k.user_id),
    'text',
    2,
    false,
  );
  const params: unknown[] = [guilds.param, users.param];
  let listed = '';
  if (syncIds.length > 0) {
    const syncs = arrayArgument(syncIds, 'text', 3, false);
    params.push(syncs.param);
    listed = `UNION SELECT m.guild_id, m.user_id FROM members m
      WHERE m.guild_id IN (${completedListGuilds(syncs.sql)})`;
  }
  return {
    sql: `WITH keys AS (
       SELECT k.guild_id, k.user_id FROM unnest(${guilds.sql}, ${users.sql}) AS k(guild_id, user_id)
       ${listed}
     ), decided AS (
       SELECT m.guild_id, m.user_id, ${PRESENCE_SQL} AS presence
       FROM keys k JOIN members m ON m.guild_id = k.guild_id AND m.user_id = k.user_id
       LEFT JOIN guild_member_counts c ON c.guild_id = m.guild_id
     )
     UPDATE members m SET presence = d.presence, is_present = d.presence = 'present'
     FROM decided d
     WHERE m.guild_id = d.guild_id AND m.user_id = d.user_id
       AND (m.presence <> d.presence OR m.is_present <> (d.presence = 'present'))`,
    params,
  };
}
