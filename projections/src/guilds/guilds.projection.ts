import { assertNever, type GuildInfo } from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import { notification, type ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import {
  botIdOf,
  eventPointer,
  type GuildEvent,
  guildEvent,
  occurredAt,
  shardIdOf,
} from '../shared/guild-event.js';

export const GUILD_EVENT_TYPES = ['GUILD_SYNC', 'GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE'] as const;
type GuildEventType = (typeof GUILD_EVENT_TYPES)[number];

interface GuildRow {
  name: string | null;
  icon: string | null;
  owner_id: string | null;
  member_count: number | null;
  features: string[];
  premium_tier: number | null;
  premium_subscription_count: number | null;
  status: string;
}

const FIELDS: ReadonlyArray<[keyof GuildInfo, keyof GuildRow]> = [
  ['name', 'name'],
  ['icon', 'icon'],
  ['ownerId', 'owner_id'],
  ['memberCount', 'member_count'],
  ['features', 'features'],
  ['premiumTier', 'premium_tier'],
  ['premiumSubscriptionCount', 'premium_subscription_count'],
];

function diff(before: GuildRow | undefined, info: GuildInfo): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const [key, column] of FIELDS) {
    const old = before ? before[column] : null;
    if (JSON.stringify(old) !== JSON.stringify(info[key])) changes[key] = { old, new: info[key] };
  }
  return changes;
}

async function history(
  trx: SqlExecutor,
  e: GuildEvent,
  guildId: string,
  change: string,
  changes: object,
): Promise<void> {
  const p = eventPointer(e);
  await trx.query(
    `INSERT INTO guild_history (event_id, guild_id, change, changes, occurred_at, stream_id, revision, position)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) ON CONFLICT (event_id, guild_id) DO NOTHING`,
    [
      p.event_id,
      guildId,
      change,
      JSON.stringify(changes),
      occurredAt(e),
      p.stream_id,
      p.revision,
      p.position,
    ],
  );
}

async function current(trx: SqlExecutor, guildId: string): Promise<GuildRow | undefined> {
  const { rows } = await trx.query<GuildRow>('SELECT * FROM guilds WHERE guild_id = $1', [guildId]);
  return rows[0];
}

/** Upserts the guild as active with the reported info; records the change when there is one. */
async function upsertActive(
  trx: SqlExecutor,
  e: GuildEvent,
  info: GuildInfo,
  change: 'sync' | 'create',
  joinedAt: string | null,
) {
  const before = await current(trx, info.id);
  const at = occurredAt(e);
  await trx.query(
    `INSERT INTO guilds (guild_id, name, icon, owner_id, member_count, features, premium_tier, premium_subscription_count,
       status, is_active, bot_id, shard_id, bot_joined_at, first_seen_at, status_changed_at, updated_at, last_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', true, $9, $10, $11, $12, $12, $12, $13)
     ON CONFLICT (guild_id) DO UPDATE SET name = EXCLUDED.name, icon = EXCLUDED.icon, owner_id = EXCLUDED.owner_id,
       member_count = EXCLUDED.member_count, features = EXCLUDED.features, premium_tier = EXCLUDED.premium_tier,
       premium_subscription_count = EXCLUDED.premium_subscription_count, status = 'active', is_active = true,
       bot_id = EXCLUDED.bot_id, shard_id = EXCLUDED.shard_id,
       bot_joined_at = COALESCE(EXCLUDED.bot_joined_at, guilds.bot_joined_at),
       status_changed_at = CASE WHEN guilds.status = 'active' THEN guilds.status_changed_at ELSE EXCLUDED.status_changed_at END,
       updated_at = EXCLUDED.updated_at, last_event_id = EXCLUDED.last_event_id`,
    [
      info.id,
      info.name,
      info.icon,
      info.ownerId,
      info.memberCount,
      info.features,
      info.premiumTier,
      info.premiumSubscriptionCount,
      botIdOf(e),
      shardIdOf(e),
      joinedAt,
      at,
      e.recorded.id,
    ],
  );
  const changes = diff(before, info);
  if (before && before.status !== 'active') changes.status = { old: before.status, new: 'active' };
  if (!before || Object.keys(changes).length > 0) await history(trx, e, info.id, change, changes);
}

async function setStatus(
  trx: SqlExecutor,
  e: GuildEvent,
  guildId: string,
  status: 'unavailable' | 'removed',
): Promise<boolean> {
  const at = occurredAt(e);
  const before = await current(trx, guildId);
  if (before?.status === status) return false;
  await trx.query(
    `INSERT INTO guilds (guild_id, status, is_active, bot_id, shard_id, first_seen_at, status_changed_at, updated_at, last_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6, $7)
     ON CONFLICT (guild_id) DO UPDATE SET status = EXCLUDED.status, is_active = EXCLUDED.is_active,
       status_changed_at = EXCLUDED.status_changed_at, updated_at = EXCLUDED.updated_at, last_event_id = EXCLUDED.last_event_id`,
    [guildId, status, status === 'unavailable', botIdOf(e), shardIdOf(e), at, e.recorded.id],
  );
  await history(trx, e, guildId, status, { status: { old: before?.status ?? null, new: status } });
  return true;
}

async function applyOne(trx: SqlExecutor, e: GuildEvent): Promise<ProjectionNotification[]> {
  const dto = e.dto as Extract<GuildEvent['dto'], { type: GuildEventType }>;
  const guildId = dto.guildId;
  const changed = (change: string) => [notification('guild_changed', { guildId, change })];
  switch (dto.type) {
    case 'GUILD_CREATE':
      await upsertActive(trx, e, dto.data, 'create', dto.data.joinedAt);
      return changed('create');
    case 'GUILD_SYNC': {
      const d = dto.data;
      await upsertActive(trx, e, d.guild, 'sync', null);
      await trx.query(
        `INSERT INTO guild_syncs (sync_id, bot_id, shard_id, guild_count, started_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sync_id) DO NOTHING`,
        [d.syncId, botIdOf(e), shardIdOf(e), d.guildCount, occurredAt(e)],
      );
      await trx.query(
        'INSERT INTO guild_sync_guilds (sync_id, guild_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [d.syncId, guildId],
      );
      const { rows } = await trx.query<{ complete: boolean }>(
        `UPDATE guild_syncs s SET completed_at = $2 WHERE s.sync_id = $1 AND s.completed_at IS NULL
           AND (SELECT count(*) FROM guild_sync_guilds g WHERE g.sync_id = s.sync_id) >= s.guild_count
         RETURNING true AS complete`,
        [d.syncId, occurredAt(e)],
      );
      const notes = changed('sync');
      if (rows.length > 0) {
        // The sync is complete: this bot/shard no longer serves the guilds it did not list.
        const absent = await trx.query<{ guild_id: string; status: string }>(
          `UPDATE guilds g SET status = 'absent', is_active = false, status_changed_at = $4, updated_at = $4, last_event_id = $5
           WHERE g.bot_id IS NOT DISTINCT FROM $2 AND g.shard_id IS NOT DISTINCT FROM $3 AND g.status IN ('active', 'unavailable')
             AND NOT EXISTS (SELECT 1 FROM guild_sync_guilds s WHERE s.sync_id = $1 AND s.guild_id = g.guild_id)
           RETURNING g.guild_id`,
          [d.syncId, botIdOf(e), shardIdOf(e), occurredAt(e), e.recorded.id],
        );
        for (const row of absent.rows) {
          await history(trx, e, row.guild_id, 'absent', {
            status: { old: 'active', new: 'absent' },
            syncId: d.syncId,
          });
          notes.push(notification('guild_changed', { guildId: row.guild_id, change: 'absent' }));
        }
      }
      return notes;
    }
    case 'GUILD_UPDATE': {
      const c = dto.data.changes;
      const at = occurredAt(e);
      await trx.query(
        `INSERT INTO guilds (guild_id, status, is_active, bot_id, shard_id, first_seen_at, status_changed_at, updated_at, last_event_id)
         VALUES ($1, 'active', true, $2, $3, $4, $4, $4, $5) ON CONFLICT (guild_id) DO NOTHING`,
        [guildId, botIdOf(e), shardIdOf(e), at, e.recorded.id],
      );
      await trx.query(
        `UPDATE guilds SET
           name = CASE WHEN $2::boolean THEN $3 ELSE name END,
           icon = CASE WHEN $4::boolean THEN $5 ELSE icon END,
           owner_id = CASE WHEN $6::boolean THEN $7 ELSE owner_id END,
           member_count = CASE WHEN $8::boolean THEN $9::int ELSE member_count END,
           premium_tier = CASE WHEN $10::boolean THEN $11::int ELSE premium_tier END,
           premium_subscription_count = CASE WHEN $12::boolean THEN $13::int ELSE premium_subscription_count END,
           features = CASE WHEN $14::boolean THEN $15::text[] ELSE features END,
           updated_at = $16, last_event_id = $17
         WHERE guild_id = $1`,
        [
          guildId,
          c.name !== undefined,
          c.name?.new ?? null,
          c.icon !== undefined,
          c.icon?.new ?? null,
          c.ownerId !== undefined,
          c.ownerId?.new ?? null,
          c.memberCount !== undefined,
          c.memberCount?.new ?? null,
          c.premiumTier !== undefined,
          c.premiumTier?.new ?? null,
          c.premiumSubscriptionCount !== undefined,
          c.premiumSubscriptionCount?.new ?? null,
          c.features !== undefined,
          c.features?.new ?? null,
          at,
          e.recorded.id,
        ],
      );
      await history(trx, e, guildId, 'update', c);
      return changed('update');
    }
    case 'GUILD_DELETE': {
      const status = dto.data.unavailable ? 'unavailable' : 'removed';
      return (await setStatus(trx, e, guildId, status)) ? changed(status) : [];
    }
    default:
      return assertNever(dto, 'guild event type');
  }
}

/** Guild registry and history. Guild events are rare: applied one by one, in log order. */
export function guildsProjection(): Projection {
  return {
    name: 'guilds',
    handles: GUILD_EVENT_TYPES,
    async apply(
      trx: SqlExecutor,
      recorded: readonly RecordedEvent[],
    ): Promise<readonly ProjectionNotification[]> {
      const notes: ProjectionNotification[] = [];
      for (const r of recorded) notes.push(...(await applyOne(trx, guildEvent(r))));
      return notes;
    },
  };
}
