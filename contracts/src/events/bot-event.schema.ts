import { z } from 'zod';
import { snowflakeSchema, timestampMsSchema } from '../primitives.js';
import type { AcceptedEventType } from './event-type.js';
import { guildCreateEventDataSchema } from './guild/guild-create.schema.js';
import { guildDeleteEventDataSchema } from './guild/guild-delete.schema.js';
import { guildMembersSyncEventDataSchema } from './guild/guild-members-sync.schema.js';
import { guildSyncEventDataSchema } from './guild/guild-sync.schema.js';
import { guildUpdateEventDataSchema } from './guild/guild-update.schema.js';
import { inviteCreateEventDataSchema } from './invites/invite-create.schema.js';
import { inviteDeleteEventDataSchema } from './invites/invite-delete.schema.js';
import { inviteSyncEventDataSchema } from './invites/invite-sync.schema.js';
import { inviteUseEventDataSchema } from './invites/invite-use.schema.js';
import { memberActivitySnapshotEventDataSchema } from './metrics/member-activity-snapshot.schema.js';
import { metricsSnapshotEventDataSchema } from './metrics/metrics-snapshot.schema.js';
import { auditLogEntryEventDataSchema } from './moderation/audit-log-entry.schema.js';
import { autoModerationActionEventDataSchema } from './moderation/auto-moderation-action.schema.js';
import { banEventDataSchema } from './moderation/ban.schema.js';
import { botAutomodActionEventDataSchema } from './moderation/bot-automod-action.schema.js';
import { memberAddEventDataSchema } from './moderation/member-add.schema.js';
import { memberRemoveEventDataSchema } from './moderation/member-remove.schema.js';
import { messageDeleteEventDataSchema } from './moderation/message-delete.schema.js';
import { messageDeleteBulkEventDataSchema } from './moderation/message-delete-bulk.schema.js';
import { unbanEventDataSchema } from './moderation/unban.schema.js';

/**
 * The envelope every bot event shares (the seed's `BotEventDto`). Unknown fields are rejected, at
 * every level: events are stored forever, so a misspelt field must fail at the door rather than be
 * silently dropped or stored unvalidated.
 */
export const botEventEnvelopeShape = {
  /** Event id (UUID) assigned once by the bot when it creates the event; retries reuse it. */
  id: z.uuid({ error: 'expected a UUID assigned by the bot when it created the event' }),
  guildId: snowflakeSchema,
  /** Index fields (the seed's): the user, channel, message or role the event is about. */
  userId: snowflakeSchema.optional(),
  channelId: snowflakeSchema.optional(),
  messageId: snowflakeSchema.optional(),
  roleId: snowflakeSchema.optional(),
  /** When it happened on Discord, in ms since the Unix epoch. */
  timestamp: timestampMsSchema,
};

const event = <T extends AcceptedEventType, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ ...botEventEnvelopeShape, type: z.literal(type), data });

/** Guild lifecycle events describe the guild itself: their guild id must be the envelope's. */
const sameGuild =
  (pick: (data: never) => string, path: string[]) =>
  (e: { guildId: string; data: unknown }, ctx: z.RefinementCtx) => {
    if (pick(e.data as never) !== e.guildId) {
      ctx.addIssue({ code: 'custom', path: ['data', ...path], message: 'must equal guildId' });
    }
  };

/** One schema per accepted type: the envelope with that type's `data`. */
export const botEventSchemas = {
  GUILD_BAN_ADD: event('GUILD_BAN_ADD', banEventDataSchema),
  GUILD_BAN_REMOVE: event('GUILD_BAN_REMOVE', unbanEventDataSchema),
  GUILD_MEMBER_REMOVE: event('GUILD_MEMBER_REMOVE', memberRemoveEventDataSchema),
  GUILD_MEMBER_ADD: event('GUILD_MEMBER_ADD', memberAddEventDataSchema),
  MESSAGE_DELETE: event('MESSAGE_DELETE', messageDeleteEventDataSchema),
  MESSAGE_DELETE_BULK: event('MESSAGE_DELETE_BULK', messageDeleteBulkEventDataSchema),
  GUILD_AUDIT_LOG_ENTRY_CREATE: event('GUILD_AUDIT_LOG_ENTRY_CREATE', auditLogEntryEventDataSchema),
  AUTO_MODERATION_ACTION_EXECUTION: event(
    'AUTO_MODERATION_ACTION_EXECUTION',
    autoModerationActionEventDataSchema,
  ),
  BOT_AUTOMOD_ACTION: event('BOT_AUTOMOD_ACTION', botAutomodActionEventDataSchema),
  INVITE_CREATE: event('INVITE_CREATE', inviteCreateEventDataSchema),
  INVITE_DELETE: event('INVITE_DELETE', inviteDeleteEventDataSchema),
  INVITE_USE: event('INVITE_USE', inviteUseEventDataSchema),
  INVITE_SYNC: event('INVITE_SYNC', inviteSyncEventDataSchema),
  GUILD_SYNC: event('GUILD_SYNC', guildSyncEventDataSchema).superRefine(
    sameGuild((d: { guild: { id: string } }) => d.guild.id, ['guild', 'id']),
  ),
  GUILD_CREATE: event('GUILD_CREATE', guildCreateEventDataSchema).superRefine(
    sameGuild((d: { id: string }) => d.id, ['id']),
  ),
  GUILD_DELETE: event('GUILD_DELETE', guildDeleteEventDataSchema).superRefine(
    sameGuild((d: { id: string }) => d.id, ['id']),
  ),
  GUILD_UPDATE: event('GUILD_UPDATE', guildUpdateEventDataSchema).superRefine(
    sameGuild((d: { id: string }) => d.id, ['id']),
  ),
  GUILD_MEMBERS_SYNC: event('GUILD_MEMBERS_SYNC', guildMembersSyncEventDataSchema),
  METRICS_SNAPSHOT: event('METRICS_SNAPSHOT', metricsSnapshotEventDataSchema),
  MEMBER_ACTIVITY_SNAPSHOT: event('MEMBER_ACTIVITY_SNAPSHOT', memberActivitySnapshotEventDataSchema),
} as const satisfies Record<AcceptedEventType, z.ZodType>;

const s = botEventSchemas;

/**
 * `BotEventDto`: any accepted bot event, discriminated by `type`. Prefer {@link parseBotEvent} to
 * validate input (clearer errors for unknown types, size and binary guards); use this schema to
 * compose (e.g. a stored event's `data`).
 */
export const botEventSchema = z.discriminatedUnion('type', [
  s.GUILD_BAN_ADD,
  s.GUILD_BAN_REMOVE,
  s.GUILD_MEMBER_REMOVE,
  s.GUILD_MEMBER_ADD,
  s.MESSAGE_DELETE,
  s.MESSAGE_DELETE_BULK,
  s.GUILD_AUDIT_LOG_ENTRY_CREATE,
  s.AUTO_MODERATION_ACTION_EXECUTION,
  s.BOT_AUTOMOD_ACTION,
  s.INVITE_CREATE,
  s.INVITE_DELETE,
  s.INVITE_USE,
  s.INVITE_SYNC,
  s.GUILD_SYNC,
  s.GUILD_CREATE,
  s.GUILD_DELETE,
  s.GUILD_UPDATE,
  s.GUILD_MEMBERS_SYNC,
  s.METRICS_SNAPSHOT,
  s.MEMBER_ACTIVITY_SNAPSHOT,
]);
/** Alias of {@link botEventSchema} under the seed's name. */
export const botEventDtoSchema = botEventSchema;

/** A validated bot event (the seed's `BotEventDto`, typed by `type`). */
export type BotEvent = z.infer<typeof botEventSchema>;
/** The seed's name for {@link BotEvent}. */
export type BotEventDto = BotEvent;
/** The bot event of one type, e.g. `BotEventOf<'GUILD_BAN_ADD'>`. */
export type BotEventOf<T extends AcceptedEventType> = Extract<BotEvent, { type: T }>;
/** The `data` of one type, e.g. `EventDataOf<'METRICS_SNAPSHOT'>`. */
export type EventDataOf<T extends AcceptedEventType> = BotEventOf<T>['data'];
