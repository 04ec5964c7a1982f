import type { BotEventOf } from '@guildscope/contracts';
import type { Statement } from '../read-db/read-db.port.js';
import { type GuildEvent, occurredAt } from '../shared/guild-event.js';
import { textArrayLiteral } from '../shared/unnest-rows.js';
import type { InviteFacts } from './invites.projection.js';

/** Every invite an `INVITE_SYNC` lists (and its vanity URL) as facts seen at the sync's time. */
export function syncFactsOf(e: GuildEvent): InviteFacts[] {
  if (e.dto.type !== 'INVITE_SYNC') return [];
  const d = e.dto.data;
  const at = occurredAt(e);
  const facts: InviteFacts[] = d.invites.map((i) => ({
    guild_id: e.dto.guildId,
    code: i.code,
    channel_id: i.channelId,
    inviter_id: i.inviterId,
    inviter_username: i.inviterUsername,
    is_vanity: false,
    max_uses: i.maxUses,
    max_age_seconds: i.maxAge,
    temporary: i.temporary,
    created_at: i.createdAt,
    expires_at: i.expiresAt,
    uses: i.uses,
    deleted_at: null,
    updated_at: at,
  }));
  if (d.vanity) {
    facts.push({
      guild_id: e.dto.guildId,
      code: d.vanity.code,
      channel_id: null,
      inviter_id: null,
      inviter_username: null,
      is_vanity: true,
      max_uses: null,
      max_age_seconds: null,
      temporary: null,
      created_at: null,
      expires_at: null,
      uses: d.vanity.uses,
      deleted_at: null,
      updated_at: at,
    });
  }
  return facts;
}

/**
 * Statements that store the batch's complete syncs, then recompute `missing_since` for the invites whose facts changed
 * (`touched`: guild id + code) and for every invite of a guild that got a sync: the first stored complete
 * sync after the invite's `updated_at` that does not list it. Order-independent, so replaying or
 * re-batching gives the same rows.
 */
export function inviteSyncStatements(
  events: readonly GuildEvent[],
  touched: readonly InviteFacts[],
): Statement[] {
  const statements: Statement[] = [];
  const syncs = events.filter(
    (e): e is GuildEvent & { dto: BotEventOf<'INVITE_SYNC'> } =>
      e.dto.type === 'INVITE_SYNC' && e.dto.data.complete,
  );
  if (syncs.length > 0) {
    statements.push({
      sql: `INSERT INTO invite_syncs (event_id, guild_id, synced_at, codes)
       SELECT x.event_id, x.guild_id, x.synced_at, x.codes::text[]
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS x(event_id, guild_id, synced_at, codes)
       ON CONFLICT (event_id) DO NOTHING`,
      params: [
        syncs.map((e) => e.recorded.id),
        syncs.map((e) => e.dto.guildId),
        syncs.map(occurredAt),
        syncs.map((e) => textArrayLiteral(e.dto.data.invites.map((i) => i.code))),
      ],
    });
  }
  if (syncs.length === 0 && touched.length === 0) return statements;
  statements.push({
    sql: `UPDATE invites i SET missing_since = m.missing_since
     FROM (
       SELECT i.guild_id, i.code, (
         SELECT min(s.synced_at) FROM invite_syncs s
         WHERE s.guild_id = i.guild_id AND s.synced_at > i.updated_at AND NOT (i.code = ANY(s.codes))
       ) AS missing_since
       FROM invites i
       WHERE NOT i.is_vanity AND (
         i.guild_id = ANY($3::text[])
         OR (i.guild_id, i.code) IN (SELECT * FROM unnest($1::text[], $2::text[])))
     ) m
     WHERE i.guild_id = m.guild_id AND i.code = m.code AND i.missing_since IS DISTINCT FROM m.missing_since`,
    params: [
      touched.map((f) => f.guild_id),
      touched.map((f) => f.code),
      [...new Set(syncs.map((e) => e.dto.guildId))],
    ],
  });
  return statements;
}
