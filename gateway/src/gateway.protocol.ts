import type { ModuleChangeEvent } from '@guildscope/contracts';
import type { ModuleConfigsSnapshot } from '@guildscope/write-side';

/**
 * The wire protocol between bots and the gateway (Socket.IO, default namespace). Bot developers: this
 * file is the reference; every name and shape here is what travels.
 */

/** Event names. */
export const GatewayEvents = {
  /** bot -> gateway: `emit('to-backend', BotEventDto[], (ack: ToBackendAck) => ...)`. */
  toBackend: 'to-backend',
  /** gateway -> bot, once after connecting without `configPosition`: {@link ConfigSnapshotMessage}. */
  configSnapshot: 'module:config-snapshot',
  /** gateway -> bot: one per change, {@link ModuleChangeMessage}. */
  moduleChange: 'module:change',
  /** bot -> gateway: `emit('module:ack', { position })` once a change is applied. */
  moduleAck: 'module:ack',
  /** bot -> gateway: `emit('guilds:add', string[], (ack: GuildsAddAck) => ...)` after joining guilds. */
  guildsAdd: 'guilds:add',
  /** gateway -> bot: protocol misuse that has no ack to answer through, {@link GatewayErrorMessage}. */
  error: 'gateway:error',
} as const;

/** One event of a batch that was not recorded, and why (index into the batch). */
export interface RejectedEventReport {
  readonly index: number;
  readonly reason: string;
}

/** Codes of a batch refused whole. */
export type BatchRefusalCode =
  | 'INVALID_BATCH' // not an array, or wrong arguments
  | 'BATCH_TOO_LARGE' // over maxBatchEvents or maxBatchBytes: split it
  | 'OVERLOADED' // too many batches of this connection are waiting: retry later
  | 'STORE_UNAVAILABLE'; // the append failed: retry later, nothing (or only duplicates) was written

/**
 * The ack of a `to-backend` batch, sent only once the recorded events are durable. `ok: true`: every
 * event is either stored (`accepted`), already stored (`duplicates`: a retry) or refused for good
 * (`rejected`, by index): the bot may drop the whole batch from its outbox. `ok: false`: nothing was
 * recorded; resend later when `retryable`, else fix or split the batch.
 */
export type ToBackendAck =
  | {
      readonly ok: true;
      readonly accepted: number;
      readonly duplicates: number;
      readonly rejected: readonly RejectedEventReport[];
    }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: BatchRefusalCode;
        readonly message: string;
        readonly retryable: boolean;
      };
    };

/** `module:config-snapshot`: the current config of the connection's guilds, exact at `position`. */
export type ConfigSnapshotMessage = ModuleConfigsSnapshot;

/** `module:change`: the seed's ModuleChangeEvent plus its global position (ack it with `module:ack`). */
export type ModuleChangeMessage = ModuleChangeEvent & { position: string };

/** `module:ack` payload. */
export interface ModuleAckMessage {
  readonly position: string;
}

/** Ack of `guilds:add`: the config snapshot of the added guilds (changes then follow on `module:change`). */
export type GuildsAddAck =
  | { readonly ok: true; readonly guildIds: readonly string[]; readonly snapshot: ModuleConfigsSnapshot }
  | { readonly ok: false; readonly error: { readonly code: 'INVALID_GUILDS'; readonly message: string } };

/** `gateway:error`: a message the gateway could not process, and why. Nothing was changed. */
export interface GatewayErrorMessage {
  readonly code: 'ACK_REQUIRED' | 'INVALID_BATCH' | 'UNKNOWN_EVENT' | 'INVALID_ACK' | 'INVALID_GUILDS';
  readonly event: string;
  readonly message: string;
}

/** Codes of a refused handshake, in `connect_error`'s `err.data.code` (the reason is `err.message`). */
export type HandshakeRefusalCode = 'INVALID_HANDSHAKE' | 'UNAUTHORIZED';
