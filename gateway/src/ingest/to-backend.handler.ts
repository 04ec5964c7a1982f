import {
  type BatchRefusalCode,
  type BotEventDto,
  parseBotEventBatch,
  type RejectedEventReport,
  type ToBackendAck,
} from '@guildscope/contracts';
import { RecordBotEvents, type RecordBotEventsResult, type WriteSide } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { GatewayLimits } from '../gateway.limits.js';
import type { GatewayMetrics } from '../http/gateway.metrics.js';

export interface ToBackendDeps {
  readonly commandBus: WriteSide['commandBus'];
  readonly metrics: GatewayMetrics;
  readonly limits: GatewayLimits;
  readonly logger: Logger;
  readonly botId: string;
  readonly shardId: number;
  /** Guilds the connection declared; events for other guilds are rejected (by index). */
  readonly guildIds: { has(guildId: string): boolean };
}

/**
 * Handles the `to-backend` batches of one connection. A batch is checked whole first (array, length,
 * wire bytes, batches waiting), before any per-event work; then each event is validated with the
 * contracts (synchronously, in arrival order), and the valid ones of declared guilds are handed to
 * `RecordBotEvents` at once. The write side appends batches in the order they were handed in (group
 * commit across connections), so a bot's events keep their order in each guild stream even with several
 * batches in flight. The ack goes out after the append resolved, i.e. once the events are durable.
 */
export class ToBackendHandler {
  private readonly inFlight = new Set<Promise<void>>();
  private pending = 0;

  constructor(private readonly deps: ToBackendDeps) {}

  /** `payload` is the decoded first argument, `frameBytes` the wire size of its frame when known. */
  handle(payload: unknown, frameBytes: number | undefined, ack: (answer: ToBackendAck) => void): void {
    const refusal = this.checkWhole(payload, frameBytes);
    if (refusal) {
      this.refuse(ack, refusal.code, refusal.message, Array.isArray(payload) ? payload : undefined);
      return;
    }
    this.pending++;
    const done = this.process(payload as unknown[], frameBytes, ack)
      .catch((err: unknown) => this.deps.logger.error({ err }, 'to-backend batch failed unexpectedly'))
      .finally(() => {
        this.pending--;
        this.inFlight.delete(done);
      });
    this.inFlight.add(done);
  }

  /** Refuses a batch whose call itself is malformed (e.g. extra arguments). */
  refuseBatch(ack: (a: ToBackendAck) => void, code: BatchRefusalCode, message: string): void {
    this.refuse(ack, code, message);
  }

  /** The checks made on the whole batch before any per-event work. */
  private checkWhole(
    payload: unknown,
    frameBytes: number | undefined,
  ): { code: BatchRefusalCode; message: string } | undefined {
    const { limits } = this.deps;
    if (!Array.isArray(payload))
      return {
        code: 'INVALID_BATCH',
        message: `expected an array of events (BotEventDto[]), got ${kindOf(payload)}`,
      };
    if (payload.length > limits.maxBatchEvents)
      return {
        code: 'BATCH_TOO_LARGE',
        message: `batch of ${payload.length} events exceeds the limit of ${limits.maxBatchEvents} events per batch: split it`,
      };
    if (frameBytes !== undefined && frameBytes > limits.maxBatchBytes)
      return {
        code: 'BATCH_TOO_LARGE',
        message: `batch of ${frameBytes} bytes exceeds the limit of ${limits.maxBatchBytes} bytes per batch: split it`,
      };
    if (this.pending >= limits.maxPendingBatches)
      return {
        code: 'OVERLOADED',
        message: `${this.pending} batches of this connection are already waiting (limit ${limits.maxPendingBatches}): wait for their acks`,
      };
    return undefined;
  }

  /** Resolves when every batch handed in so far has been answered. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async process(payload: unknown[], frameBytes: number | undefined, ack: (a: ToBackendAck) => void) {
    const { metrics, logger, guildIds, botId, shardId, commandBus } = this.deps;
    countByType(metrics, metrics.eventsReceived, payload);
    const parsed = parseBotEventBatch(payload, frameBytes === undefined ? {} : { byteLength: frameBytes });
    if (!parsed.ok) {
      const message = parsed.errors.map((e) => e.message).join('; ');
      const code = /exceeds the limit/.test(message) ? 'BATCH_TOO_LARGE' : 'INVALID_BATCH';
      countByType(metrics, metrics.eventsRejected, payload);
      return this.refuse(ack, code, message);
    }
    const rejected: RejectedEventReport[] = parsed.rejected.map((r) => ({
      index: r.index,
      reason: r.reason,
    }));
    const events: BotEventDto[] = [];
    for (const { index, event } of parsed.accepted) {
      if (guildIds.has(event.guildId)) events.push(event);
      else
        rejected.push({
          index,
          reason: `guildId: guild ${event.guildId} is not served by this connection (declare it in the handshake auth.guildIds or with guilds:add)`,
        });
    }
    rejected.sort((a, b) => a.index - b.index);
    countByType(
      metrics,
      metrics.eventsRejected,
      rejected.map((r) => payload[r.index]),
    );

    let result: RecordBotEventsResult = { outcomes: [], accepted: 0, duplicates: 0 };
    if (events.length > 0) {
      const stop = metrics.appendDuration.startTimer();
      try {
        result = await commandBus.execute(new RecordBotEvents(botId, shardId, events));
      } catch (err) {
        logger.error({ err, events: events.length }, 'append of a to-backend batch failed');
        countByType(metrics, metrics.eventsRejected, events);
        return this.refuse(
          ack,
          'STORE_UNAVAILABLE',
          `the event store did not record the batch (${(err as Error).message}): resend it later`,
        );
      } finally {
        stop();
      }
      countByType(
        metrics,
        metrics.eventsAccepted,
        events.filter((_, i) => result.outcomes[i] === 'accepted'),
      );
      countByType(
        metrics,
        metrics.eventsDuplicate,
        events.filter((_, i) => result.outcomes[i] === 'duplicate'),
      );
    }
    if (rejected.length > 0)
      logger.warn(
        { rejected: rejected.length, first: rejected[0], accepted: result.accepted },
        'to-backend batch had invalid events',
      );
    ack({ ok: true, accepted: result.accepted, duplicates: result.duplicates, rejected });
  }

  /** Refuses a batch whole. `unread` is a batch refused before its events were looked at (counted in bulk). */
  private refuse(
    ack: (a: ToBackendAck) => void,
    code: BatchRefusalCode,
    message: string,
    unread?: unknown[],
  ): void {
    const { metrics, logger } = this.deps;
    metrics.batchesRefused.inc({ code });
    if (unread && unread.length > 0) {
      metrics.eventsReceived.inc({ type: 'refused_batch' }, unread.length);
      metrics.eventsRejected.inc({ type: 'refused_batch' }, unread.length);
    }
    logger.warn({ code, reason: message }, 'to-backend batch refused');
    ack({
      ok: false,
      error: { code, message, retryable: code === 'OVERLOADED' || code === 'STORE_UNAVAILABLE' },
    });
  }
}

/** One counter increment per type present in the batch rather than one per event. */
function countByType(
  metrics: GatewayMetrics,
  counter: GatewayMetrics['eventsReceived'],
  items: readonly unknown[],
): void {
  if (items.length === 0) return;
  const counts = new Map<string, number>();
  for (const item of items) {
    const type = metrics.typeLabel(typeOf(item));
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  for (const [type, n] of counts) counter.inc({ type }, n);
}

function typeOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : undefined;
}

export function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'an array';
  if (Buffer.isBuffer(input) || ArrayBuffer.isView(input) || input instanceof ArrayBuffer)
    return 'binary data';
  return typeof input;
}
