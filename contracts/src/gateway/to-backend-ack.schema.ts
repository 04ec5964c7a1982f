import { z } from 'zod';
import { countSchema } from '../primitives.js';

/** One event of a batch that was not recorded, and why (`index` into the batch). */
export const rejectedEventReportSchema = z.object({
  index: z.number().int().nonnegative(),
  reason: z.string(),
});
/** One event of a batch that was not recorded, and why. */
export type RejectedEventReport = z.infer<typeof rejectedEventReportSchema>;

/**
 * Codes of a batch refused whole: `INVALID_BATCH` (not an array, or wrong arguments), `BATCH_TOO_LARGE`
 * (over the event or byte limit: split it), `OVERLOADED` (too many batches of this connection are
 * waiting: retry later), `STORE_UNAVAILABLE` (the append failed: retry later, nothing or only
 * duplicates were written).
 */
export const batchRefusalCodeSchema = z.enum([
  'INVALID_BATCH',
  'BATCH_TOO_LARGE',
  'OVERLOADED',
  'STORE_UNAVAILABLE',
]);
/** Codes of a batch refused whole. */
export type BatchRefusalCode = z.infer<typeof batchRefusalCodeSchema>;

/**
 * The ack of a `to-backend` batch, sent only once the recorded events are durable. `ok: true`: every
 * event is either stored (`accepted`), already stored (`duplicates`: a retry) or refused for good
 * (`rejected`, by index): the bot may drop the whole batch from its outbox. `ok: false`: nothing was
 * recorded; resend later when `retryable`, else fix or split the batch.
 */
export const toBackendAckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    accepted: countSchema,
    duplicates: countSchema,
    rejected: z.array(rejectedEventReportSchema),
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: batchRefusalCodeSchema, message: z.string(), retryable: z.boolean() }),
  }),
]);
/** The ack of a `to-backend` batch. */
export type ToBackendAck = z.infer<typeof toBackendAckSchema>;
