import { z } from 'zod';

/**
 * The event catalogue of the seed `000` (Phase 1 and the categories it aggregates or defers), plus
 * `BOT_AUTOMOD_ACTION`, an action taken by our own automod module, and `GUILD_MEMBERS_SYNC`, the member
 * list the bot fetches when it loads a guild.
 */
export const eventTypeSchema = z.enum(
  [
    // Moderation (Phase 1, immediate)
    'GUILD_BAN_ADD',
    'GUILD_BAN_REMOVE',
    'GUILD_MEMBER_REMOVE',
    'GUILD_MEMBER_ADD',
    'MESSAGE_DELETE',
    'MESSAGE_DELETE_BULK',
    'GUILD_AUDIT_LOG_ENTRY_CREATE',
    'AUTO_MODERATION_ACTION_EXECUTION',
    'BOT_AUTOMOD_ACTION',
    // Invites (Phase 1, immediate)
    'INVITE_CREATE',
    'INVITE_DELETE',
    'INVITE_USE',
    'INVITE_SYNC',
    // Server (Phase 1, immediate)
    'GUILD_SYNC',
    'GUILD_CREATE',
    'GUILD_DELETE',
    'GUILD_UPDATE',
    'GUILD_MEMBERS_SYNC',
    // Aggregated metrics (Phase 1, periodic snapshots)
    'METRICS_SNAPSHOT',
    'MEMBER_ACTIVITY_SNAPSHOT',
    // Messages (aggregated into METRICS_SNAPSHOT by the bot)
    'MESSAGE_CREATE',
    'MESSAGE_UPDATE',
    // Voice (aggregated)
    'VOICE_CHANNEL_JOIN',
    'VOICE_CHANNEL_LEAVE',
    'VOICE_CHANNEL_MOVE',
    'VOICE_MUTE',
    'VOICE_UNMUTE',
    'VOICE_DEAFEN',
    'VOICE_UNDEAFEN',
    'VOICE_SELF_MUTE',
    'VOICE_SELF_UNMUTE',
    'VOICE_SELF_DEAFEN',
    'VOICE_SELF_UNDEAFEN',
    // Reactions (aggregated)
    'MESSAGE_REACTION_ADD',
    'MESSAGE_REACTION_REMOVE',
    'MESSAGE_REACTION_REMOVE_ALL',
    'MESSAGE_REACTION_REMOVE_EMOJI',
    // Future categories (Phase 2-3)
    'ROLE_CREATE',
    'ROLE_UPDATE',
    'ROLE_DELETE',
    'CHANNEL_CREATE',
    'CHANNEL_UPDATE',
    'CHANNEL_DELETE',
    'THREAD_CREATE',
    'THREAD_UPDATE',
    'THREAD_DELETE',
    'EMOJI_CREATE',
    'EMOJI_UPDATE',
    'EMOJI_DELETE',
    'XP_GAIN',
    'LEVEL_UP',
    'PRESENCE_UPDATE',
  ],
  { error: 'unknown event type' },
);

/** Every event type of the catalogue (a string literal union). */
export type EventType = z.infer<typeof eventTypeSchema>;
/** Event types as constants, the seed's `EventType.GUILD_BAN_ADD` style. */
export const EventType = eventTypeSchema.enum;

/** Functional categories of the seed (plus `automod` for our own module's actions). */
export const eventCategorySchema = z.enum([
  'moderation',
  'invites',
  'server',
  'metrics',
  'messages',
  'voice',
  'reactions',
  'roles',
  'channels',
  'threads',
  'emojis',
  'xp',
  'presence',
]);
/** A functional category of events. */
export type EventCategory = z.infer<typeof eventCategorySchema>;

/**
 * The seed's sending priority of a type: `critical` (sent at once), `snapshot` (built once per collector
 * period), `default` (batched by the seed, 50 events / 10 s). Every accepted type is `critical` or
 * `snapshot`, so the bot delays nothing: it sends each event as soon as its outbox has stored it. The
 * `default` entries document the seed for the types the bot aggregates or does not build yet.
 */
export type EventPriority = 'critical' | 'snapshot' | 'default';

/** What the catalogue knows about one type. */
export interface EventTypeInfo {
  category: EventCategory;
  /** Whether the gateway accepts it (Phase 1 + ours); the others are aggregated or not built yet. */
  accepted: boolean;
  priority: EventPriority;
  /** Why a catalogued type is not accepted (shown in validation errors). */
  note?: string;
}

// Entries keep `accepted` as a literal type: the accepted types are derived from the catalogue below.
const critical = (category: EventCategory) =>
  ({ category, accepted: true, priority: 'critical' }) as const satisfies EventTypeInfo;
const aggregated = (category: EventCategory) =>
  ({
    category,
    accepted: false,
    priority: 'default',
    note: 'the bot aggregates it into METRICS_SNAPSHOT / MEMBER_ACTIVITY_SNAPSHOT instead of sending it',
  }) as const satisfies EventTypeInfo;
const future = (category: EventCategory, note = 'planned for Phase 2-3') =>
  ({ category, accepted: false, priority: 'default', note }) as const satisfies EventTypeInfo;

const catalogue = {
  GUILD_BAN_ADD: critical('moderation'),
  GUILD_BAN_REMOVE: critical('moderation'),
  GUILD_MEMBER_REMOVE: critical('moderation'),
  GUILD_MEMBER_ADD: critical('moderation'),
  MESSAGE_DELETE: critical('moderation'),
  MESSAGE_DELETE_BULK: critical('moderation'),
  GUILD_AUDIT_LOG_ENTRY_CREATE: critical('moderation'),
  AUTO_MODERATION_ACTION_EXECUTION: critical('moderation'),
  BOT_AUTOMOD_ACTION: critical('moderation'),
  INVITE_CREATE: critical('invites'),
  INVITE_DELETE: critical('invites'),
  INVITE_USE: critical('invites'),
  INVITE_SYNC: critical('invites'),
  GUILD_SYNC: critical('server'),
  GUILD_CREATE: critical('server'),
  GUILD_DELETE: critical('server'),
  GUILD_UPDATE: critical('server'),
  GUILD_MEMBERS_SYNC: critical('server'),
  METRICS_SNAPSHOT: { category: 'metrics', accepted: true, priority: 'snapshot' },
  MEMBER_ACTIVITY_SNAPSHOT: { category: 'metrics', accepted: true, priority: 'snapshot' },
  MESSAGE_CREATE: aggregated('messages'),
  MESSAGE_UPDATE: future('messages', 'not tracked in Phase 1'),
  VOICE_CHANNEL_JOIN: aggregated('voice'),
  VOICE_CHANNEL_LEAVE: aggregated('voice'),
  VOICE_CHANNEL_MOVE: aggregated('voice'),
  VOICE_MUTE: aggregated('voice'),
  VOICE_UNMUTE: aggregated('voice'),
  VOICE_DEAFEN: aggregated('voice'),
  VOICE_UNDEAFEN: aggregated('voice'),
  VOICE_SELF_MUTE: aggregated('voice'),
  VOICE_SELF_UNMUTE: aggregated('voice'),
  VOICE_SELF_DEAFEN: aggregated('voice'),
  VOICE_SELF_UNDEAFEN: aggregated('voice'),
  MESSAGE_REACTION_ADD: aggregated('reactions'),
  MESSAGE_REACTION_REMOVE: aggregated('reactions'),
  MESSAGE_REACTION_REMOVE_ALL: aggregated('reactions'),
  MESSAGE_REACTION_REMOVE_EMOJI: aggregated('reactions'),
  ROLE_CREATE: future('roles'),
  ROLE_UPDATE: future('roles'),
  ROLE_DELETE: future('roles'),
  CHANNEL_CREATE: future('channels'),
  CHANNEL_UPDATE: future('channels'),
  CHANNEL_DELETE: future('channels'),
  THREAD_CREATE: future('threads'),
  THREAD_UPDATE: future('threads'),
  THREAD_DELETE: future('threads'),
  EMOJI_CREATE: future('emojis'),
  EMOJI_UPDATE: future('emojis'),
  EMOJI_DELETE: future('emojis'),
  XP_GAIN: future('xp'),
  LEVEL_UP: future('xp'),
  PRESENCE_UPDATE: future('presence', 'too verbose to store: kept in the bot memory only'),
} as const satisfies Readonly<Record<EventType, EventTypeInfo>>;

/** The catalogue: category, acceptance and priority of every {@link EventType}. */
export const eventCatalogue: Readonly<Record<EventType, EventTypeInfo>> = catalogue;

/** An event type the gateway accepts. */
export type AcceptedEventType = {
  [T in EventType]: (typeof catalogue)[T]['accepted'] extends true ? T : never;
}[EventType];

/** The types the gateway accepts (Phase 1 + `BOT_AUTOMOD_ACTION` and `GUILD_MEMBERS_SYNC`), in catalogue order. */
export const acceptedEventTypes: readonly AcceptedEventType[] = eventTypeSchema.options.filter(
  (t): t is AcceptedEventType => catalogue[t].accepted,
);

/** Catalogued types the gateway refuses (aggregated by the bot or planned). */
export const cataloguedOnlyEventTypes: readonly Exclude<EventType, AcceptedEventType>[] =
  eventTypeSchema.options.filter(
    (t): t is Exclude<EventType, AcceptedEventType> => !eventCatalogue[t].accepted,
  );

const acceptedSet: ReadonlySet<string> = new Set(acceptedEventTypes);
const catalogued: ReadonlySet<string> = new Set(eventTypeSchema.options);

/** Whether `value` is a type of the catalogue. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && catalogued.has(value);
}

/** Whether `value` is a type the gateway accepts. */
export function isAcceptedEventType(value: unknown): value is AcceptedEventType {
  return typeof value === 'string' && acceptedSet.has(value);
}

/** The accepted types of one category (e.g. what a moderation projection handles). */
export function eventTypesInCategory(category: EventCategory): EventType[] {
  return eventTypeSchema.options.filter((t) => eventCatalogue[t].category === category);
}
