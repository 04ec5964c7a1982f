import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import { type SqlExecutor, type Statement, sendLast } from '../read-db/read-db.port.js';
import { notification, type ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import { type GuildEvent, guildEvent, occurredAt } from '../shared/guild-event.js';
import { type ColumnTypes, insertNew } from '../shared/unnest-rows.js';
import {
  countsIncrement,
  listChunksOf,
  listStatements,
  MEMBER_COUNT_EVENT_TYPES,
  reportsUpsert,
} from './guild-member-counts.js';
import { collectFacts, MEMBER_FACT_EVENT_TYPES, type MemberFact } from './member-facts.js';
import { presenceUpdate } from './member-presence.js';
import { membersUpsert, type Presence } from './members-upsert.js';

export const MEMBER_EVENT_TYPES = [...MEMBER_FACT_EVENT_TYPES, ...MEMBER_COUNT_EVENT_TYPES] as const;

function presenceOf(e: GuildEvent): Presence | null {
  const dto = e.dto;
  if (dto.type !== 'GUILD_MEMBER_ADD' && dto.type !== 'GUILD_MEMBER_REMOVE') return null;
  const leave = dto.type === 'GUILD_MEMBER_REMOVE';
  return {
    event_id: e.recorded.id,
    guild_id: dto.guildId,
    user_id: dto.data.userId,
    kind: leave ? 'leave' : 'join',
    occurred_at: occurredAt(e),
    roles: leave ? dto.data.roles : null,
    stream_id: e.recorded.streamId,
    revision: e.recorded.revision,
    position: formatPosition(e.recorded.position),
  };
}

const PRESENCE_COLUMNS: ColumnTypes<Presence> = {
  event_id: 'text',
  guild_id: 'text',
  user_id: 'text',
  kind: 'text',
  occurred_at: 'timestamptz',
  roles: 'text[]',
  stream_id: 'text',
  revision: 'bigint',
  position: 'text',
};

/** A batch made ready outside the transaction (see `Projection.prepare`). */
interface MembersBatch {
  readonly facts: ReadonlyMap<string, MemberFact>;
  readonly presence: readonly Presence[];
  readonly presenceInsert: Statement | null;
  /** What depends on which joins and leaves are fresh, for the usual case: all of them. */
  readonly ifAllFresh: readonly Statement[];
  /** What runs after those whatever is fresh: reports, member lists, then presence decided again. */
  readonly after: readonly Statement[];
}

/** The statements that add the fresh joins and leaves: members rows, then the counts after reports. */
function freshStatements(facts: ReadonlyMap<string, MemberFact>, fresh: readonly Presence[]): Statement[] {
  const statements = facts.size > 0 ? [membersUpsert(facts, fresh)] : [];
  const increment = countsIncrement(fresh);
  return increment ? [...statements, increment] : statements;
}

/**
 * Writes the batch: stores its joins and leaves once each (the applied-event guard), folds the ones
 * stored now (fresh) and every fact into the member rows, then the reports and member lists, and decides
 * presence again. Usually every join and leave is fresh, so all of it is sent at once on that guess, and
 * only the presence insert's row count is awaited. When some were already there (a batch applied again),
 * everything since the savepoint is rolled back and redone with the fresh ones. Returns the fresh ones.
 */
async function writeBatch(trx: SqlExecutor, batch: MembersBatch): Promise<readonly Presence[]> {
  const { presence, facts } = batch;
  if (!batch.presenceInsert) {
    sendLast(trx, [...batch.ifAllFresh, ...batch.after]);
    return [];
  }
  const insert = batch.presenceInsert;
  const guessed = Promise.all([trx.exec('SAVEPOINT presence_insert'), trx.query(insert.sql, insert.params)]);
  sendLast(trx, [...batch.ifAllFresh, ...batch.after]);
  const [, all] = await guessed;
  if (all.affectedRows === presence.length) return presence;
  const [, returned] = await Promise.all([
    trx.exec('ROLLBACK TO SAVEPOINT presence_insert'),
    trx.query<{ event_id: string }>(`${insert.sql} RETURNING event_id`, insert.params),
  ]);
  const freshIds = new Set(returned.rows.map((r) => r.event_id));
  const fresh = presence.filter((p) => freshIds.has(p.event_id));
  sendLast(trx, [...freshStatements(facts, fresh), ...batch.after]);
  return fresh;
}

function prepareMembers(recorded: readonly RecordedEvent[]): MembersBatch {
  const events = recorded.map(guildEvent);
  const facts = collectFacts(events);
  const presence = events.flatMap((e) => presenceOf(e) ?? []);
  const chunks = listChunksOf(events);
  const reports = reportsUpsert(events);
  const decide = presenceUpdate([...facts.values()], [...new Set(chunks.map((c) => c.sync_id))]);
  return {
    facts,
    presence,
    presenceInsert:
      presence.length > 0
        ? insertNew('member_presence_events', PRESENCE_COLUMNS, presence, [
            'guild_id',
            'user_id',
            'occurred_at',
            'event_id',
          ])
        : null,
    ifAllFresh: freshStatements(facts, presence),
    after: [...(reports ? [reports] : []), ...listStatements(chunks), ...(decide ? [decide] : [])],
  };
}

/**
 * Members: identity, joins and leaves, Discord's member lists, and presence; plus each guild's member
 * count (Discord's last report and the joins and leaves after it). Every column is a merge that gives
 * the same row whatever batches the events came in (see member-facts.ts): the newest event that said a
 * field (event time, then revision), counts of joins and leaves stored once each in
 * `member_presence_events` (the applied-event guard; only fresh ones are added), first/last times as
 * min/max. Presence is then decided from those facts (member-presence.ts). Replaying an event changes
 * nothing. Activity snapshots name members who never joined in the log (already there before the bot);
 * Discord's member list (`GUILD_MEMBERS_SYNC`) gives their join dates and bot flags.
 */
export function membersProjection(): Projection<MembersBatch> {
  return {
    name: 'members',
    handles: MEMBER_EVENT_TYPES,
    readIndexes: ['members_guild_present_idx', 'members_guild_username_idx'],
    prepare: prepareMembers,
    async apply(trx, _recorded, batch): Promise<readonly ProjectionNotification[]> {
      const fresh = await writeBatch(trx, batch);
      return fresh.map((p) =>
        notification(p.kind === 'join' ? 'member_joined' : 'member_left', {
          guildId: p.guild_id,
          userId: p.user_id,
          occurredAt: p.occurred_at,
          eventId: p.event_id,
        }),
      );
    },
  };
}
