import { MAX_BATCH_BYTES, MAX_BATCH_LENGTH } from '@guildscope/contracts';

/** Limits the gateway enforces on what bots send. */
export interface GatewayLimits {
  /** Most events in one `to-backend` batch; a longer batch is refused whole. At most the contracts' 500. */
  readonly maxBatchEvents: number;
  /** Most bytes of one `to-backend` frame (its JSON on the wire); a larger batch is refused whole. At most the contracts' 1 MiB. */
  readonly maxBatchBytes: number;
  /**
   * Socket.IO's `maxHttpBufferSize`: a frame larger than this is not even read; the transport closes the
   * connection (the bot reconnects). Bigger than `maxBatchBytes` so that a batch slightly over the limit
   * gets a clear refusal rather than a dropped connection.
   */
  readonly maxFrameBytes: number;
  /** Batches of one connection waiting for the store; more are refused with `OVERLOADED` (retryable). */
  readonly maxPendingBatches: number;
  /** `module:change` messages sent to a connection and not yet acked before the gateway waits for acks. */
  readonly maxUnackedChanges: number;
}

export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = {
  maxBatchEvents: MAX_BATCH_LENGTH,
  maxBatchBytes: MAX_BATCH_BYTES,
  maxFrameBytes: 2 * MAX_BATCH_BYTES,
  maxPendingBatches: 64,
  maxUnackedChanges: 1000,
};

/** Fills defaults and checks the values; throws an Error naming the bad limit. */
export function resolveGatewayLimits(limits: Partial<GatewayLimits> = {}): GatewayLimits {
  const resolved = { ...DEFAULT_GATEWAY_LIMITS, ...limits };
  const check = (name: keyof GatewayLimits, max = Number.MAX_SAFE_INTEGER) => {
    const v = resolved[name];
    if (!Number.isSafeInteger(v) || v < 1 || v > max)
      throw new Error(`Gateway limit ${name} must be an integer from 1 to ${max}, got ${String(v)}`);
  };
  check('maxBatchEvents', MAX_BATCH_LENGTH);
  check('maxBatchBytes', MAX_BATCH_BYTES);
  check('maxFrameBytes');
  check('maxPendingBatches');
  check('maxUnackedChanges');
  if (resolved.maxFrameBytes < resolved.maxBatchBytes)
    throw new Error('Gateway limit maxFrameBytes must be at least maxBatchBytes');
  return resolved;
}
