/** Listeners the bot can run (seed 000 `ENABLED_LISTENERS`, Phase 1 all on: their TODOs are done). */
export const LISTENER_TYPES = [
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
  'GUILD_MEMBER_REMOVE',
  'GUILD_MEMBER_ADD',
  'MESSAGE_DELETE',
  'MESSAGE_DELETE_BULK',
  'GUILD_AUDIT_LOG_ENTRY_CREATE',
  'AUTO_MODERATION_ACTION_EXECUTION',
  'INVITE_CREATE',
  'INVITE_DELETE',
  'INVITE_USE',
  'INVITE_SYNC',
  'GUILD_SYNC',
  'GUILD_CREATE',
  'GUILD_DELETE',
  'GUILD_UPDATE',
  'METRICS_SNAPSHOT',
  'MEMBER_ACTIVITY_SNAPSHOT',
  'MESSAGE_CREATE',
  'VOICE_STATE_UPDATE',
  'MESSAGE_REACTION_ADD',
] as const;
export type ListenerType = (typeof LISTENER_TYPES)[number];

export type EnabledListeners = Record<ListenerType, boolean>;

export const DEFAULT_ENABLED_LISTENERS: EnabledListeners = Object.fromEntries(
  LISTENER_TYPES.map((t) => [t, true]),
) as EnabledListeners;
