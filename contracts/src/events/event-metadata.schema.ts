import { z } from 'zod';
import { MAX_BOT_ID_LENGTH, MAX_SHARD_ID } from '../limits.js';
import { timestampMsSchema } from '../primitives.js';
import { type ParseResult, safeParseWith } from '../validation.js';

/** Version of the event contracts written into every stored event's metadata. */
export const SCHEMA_VERSION = 1;

/** A bot instance id (from the gateway handshake): letters, digits, `.`, `_`, `-`. */
export const botIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a bot id: letters, digits, ".", "_" or "-"' })
  .max(MAX_BOT_ID_LENGTH, { error: `bot id longer than ${MAX_BOT_ID_LENGTH} characters` });

/** A Discord shard number. */
export const shardIdSchema = z.number().int().min(0).max(MAX_SHARD_ID);

/**
 * Metadata stored with every event of a `guild-<id>` stream. Times are ms since the Unix epoch (the
 * same unit as `BotEventDto.timestamp`, cheap to compare and to index): `occurredAt` is the event's
 * `timestamp` (bot clock), `receivedAt` when the gateway accepted it (gateway clock; it may be earlier
 * than `occurredAt` by the clock skew). `eventId` is the bot-assigned event id.
 */
export const eventMetadataSchema = z.strictObject({
  eventId: z.uuid(),
  botId: botIdSchema,
  shardId: shardIdSchema,
  occurredAt: timestampMsSchema,
  receivedAt: timestampMsSchema,
  schemaVersion: z
    .number()
    .int()
    .min(1)
    .max(SCHEMA_VERSION, { error: `schema version newer than this code (${SCHEMA_VERSION})` }),
});
/** Metadata of a stored bot event. */
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** Builds the metadata the gateway stores with a validated event. */
export function eventMetadataFor(
  event: { id: string; timestamp: number },
  source: { botId: string; shardId: number; receivedAt: number },
): EventMetadata {
  return {
    eventId: event.id,
    botId: source.botId,
    shardId: source.shardId,
    occurredAt: event.timestamp,
    receivedAt: source.receivedAt,
    schemaVersion: SCHEMA_VERSION,
  };
}

/** Validates stored metadata (e.g. when reading an event back). Never throws. */
export function parseEventMetadata(input: unknown): ParseResult<EventMetadata> {
  return safeParseWith(eventMetadataSchema, input);
}
