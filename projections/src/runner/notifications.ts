/**
 * Notifications sent after a projection batch commits (LISTEN/NOTIFY on a server, in-process on
 * PGlite). The API turns them into GraphQL subscription events; payloads are JSON. See README.md.
 */

/** Sent once per committed batch of every projection. */
export const PROJECTION_COMMIT_CHANNEL = 'guildscope_projection';

export interface ProjectionCommitPayload {
  readonly projection: string;
  /** Guilds whose read models changed in the batch; null when more than {@link MAX_GUILD_IDS_IN_PAYLOAD}. */
  readonly guildIds: readonly string[] | null;
  /** Position (formatPosition) of the last event of the batch: the new checkpoint. */
  readonly lastPosition: string;
  readonly events: number;
}

/** NOTIFY payloads are limited to 8000 bytes; beyond this many guilds the list is replaced by null. */
export const MAX_GUILD_IDS_IN_PAYLOAD = 100;

/** Channel name -> payload, for the per-entry notifications a projection returns from `apply`. */
export interface ProjectionNotificationPayloads {
  /** A new moderation-log row (entryId = id of the event that created it). */
  moderation_entry_added: { guildId: string; entryId: string; action: string; occurredAt: string };
  /** An existing row completed by a matched event (e.g. a leave that became a kick). */
  moderation_entry_updated: { guildId: string; entryId: string; action: string; occurredAt: string };
  member_joined: { guildId: string; userId: string; occurredAt: string; eventId: string };
  member_left: { guildId: string; userId: string; occurredAt: string; eventId: string };
  /** The guild registry row changed (sync, create, update, delete, absent). */
  guild_changed: { guildId: string; change: string };
  /** New activity snapshot data for a guild (activity projections). */
  activity_tick: { guildId: string; periodStart?: string; periodEnd?: string; [key: string]: unknown };
}

export type ProjectionNotificationChannel = keyof ProjectionNotificationPayloads;

/** One notification returned by `Projection.apply`, sent by the runner after the commit. */
export type ProjectionNotification = {
  [C in ProjectionNotificationChannel]: {
    readonly channel: C;
    readonly payload: ProjectionNotificationPayloads[C];
  };
}[ProjectionNotificationChannel];

/** Typed constructor: `notification('member_joined', { ... })`. */
export function notification<C extends ProjectionNotificationChannel>(
  channel: C,
  payload: ProjectionNotificationPayloads[C],
): ProjectionNotification {
  return { channel, payload } as ProjectionNotification;
}
