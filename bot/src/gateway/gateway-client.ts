import {
  type BotEventDto,
  type BotHandshakeAuth,
  type ClientToServerEvents,
  formatIssues,
  type GuildsAddAck,
  gatewayErrorMessageSchema,
  guildsAddAckSchema,
  handshakeRefusalSchema,
  MAX_BATCH_BYTES,
  MAX_BATCH_LENGTH,
  type ModuleConfigsSnapshot,
  type RejectedEventReport,
  type ServerToClientEvents,
  safeParseWith,
  toBackendAckSchema,
} from '@guildscope/contracts';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { Outbox, OutboxRow } from '../outbox/outbox.js';

/** The bot's end of the gateway protocol, typed by the contracts' event maps. */
export type GatewaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface GatewayClientOptions {
  url: string;
  token: string;
  botId: string;
  shardId: number;
  /** Guilds this connection serves, read at every (re)connection. */
  guildIds: () => string[];
  /** Last applied config position, read at every (re)connection (resume instead of snapshot). */
  configPosition: () => string | undefined;
  outbox: Outbox<BotEventDto>;
  logger: Logger;
  /** Events per batch; default (and most the gateway accepts) the contracts' `MAX_BATCH_LENGTH`. */
  maxBatchEvents?: number;
  /** JSON bytes per batch; default the contracts' `MAX_BATCH_BYTES` less room for the frame's envelope. */
  maxBatchBytes?: number;
  ackTimeoutMs?: number;
  /** Registers handlers for the config feed on every new socket. */
  onSocket?: (socket: GatewaySocket) => void;
}

/**
 * The bot's Socket.IO link to the gateway. Sends the outbox oldest-first, one batch in flight at a time
 * (so the backlog drains in order), deletes events only on a durable ack, and keeps retrying across
 * disconnects; the handshake carries this shard's guilds and the config position to resume from.
 */
export class GatewayClient {
  private socket: GatewaySocket | null = null;
  private inFlight: number | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];
  private sentBatches = 0;
  /** Guilds announced with `guilds:add` and not acked yet: their events wait, or the gateway refuses them. */
  private readonly pendingGuilds = new Set<string>();
  private readonly maxBatchEvents: number;
  private batchLimit: number;
  private readonly maxBatchBytes: number;
  private readonly ackTimeoutMs: number;

  constructor(private readonly o: GatewayClientOptions) {
    this.maxBatchEvents = o.maxBatchEvents ?? MAX_BATCH_LENGTH;
    this.maxBatchBytes = o.maxBatchBytes ?? MAX_BATCH_BYTES - 1024;
    this.ackTimeoutMs = o.ackTimeoutMs ?? 15_000;
    this.batchLimit = this.maxBatchEvents;
  }

  start(): void {
    if (this.socket) return;
    const socket: GatewaySocket = io(this.o.url, {
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 2_000,
      // A function: guild list and config position are re-read on each reconnection.
      auth: (cb) => cb(this.handshakeAuth()),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.o.logger.info(
        { component: 'gateway-client', pending: this.o.outbox.pending() },
        'connected to gateway',
      );
      this.inFlight = null;
      // The handshake of this connection listed every current guild.
      this.pendingGuilds.clear();
      this.pump();
    });
    socket.on('disconnect', (reason) => {
      this.o.logger.warn({ component: 'gateway-client', reason }, 'disconnected from gateway');
      // The in-flight batch's ack will never come: its events stay in the outbox and are resent.
      this.inFlight = null;
    });
    socket.on('connect_error', (err) => {
      const refusal = handshakeRefusalSchema.safeParse((err as { data?: unknown }).data);
      this.o.logger.warn(
        {
          component: 'gateway-client',
          err: err.message,
          ...(refusal.success ? { code: refusal.data.code } : {}),
        },
        'gateway connection failed; retrying',
      );
    });
    socket.on('gateway:error', (payload) => {
      const parsed = gatewayErrorMessageSchema.safeParse(payload);
      this.o.logger.error(
        { component: 'gateway-client', ...(parsed.success ? parsed.data : { payload }) },
        'the gateway could not process a message',
      );
    });
    this.o.onSocket?.(socket);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Socket.IO socket (config feed handlers emit acks on it). */
  get io(): GatewaySocket | null {
    return this.socket;
  }

  /** Sends the next batch if connected and none is in flight. Call after appending to the outbox. */
  pump(): void {
    const socket = this.socket;
    if (!socket?.connected || this.inFlight !== null) return;
    const rows = this.nextBatch();
    if (rows.length === 0) {
      this.notifyIdle();
      return;
    }
    const token = ++this.sentBatches;
    this.inFlight = token;
    const events = rows.map((r) => r.event);
    socket.timeout(this.ackTimeoutMs).emit('to-backend', events, (err, ack) => {
      if (this.inFlight !== token) return; // a reconnect already resent these
      this.inFlight = null;
      if (err) return this.retryLater(rows, `ack not received: ${err.message}`);
      const parsed = readToBackendAck(ack, rows.length);
      if (!parsed.ok) {
        if (parsed.retryable) return this.retryLater(rows, parsed.error);
        // Refused for good (too large, malformed): split; a single event refused alone is parked.
        if (rows.length === 1 && rows[0]) {
          this.o.outbox.settle([], [{ seq: rows[0].seq, reason: parsed.error }]);
          this.o.logger.error(
            { component: 'gateway-client', eventId: rows[0].event.id, why: parsed.error },
            'event refused: dead-lettered',
          );
        } else {
          this.batchLimit = Math.max(1, Math.floor(rows.length / 2));
          this.o.logger.warn(
            { component: 'gateway-client', why: parsed.error, next: this.batchLimit },
            'batch refused: splitting',
          );
        }
        return this.pump();
      }
      this.batchLimit = this.maxBatchEvents;
      const rejectedIdx = new Map(parsed.rejected.map((r) => [r.index, r.reason]));
      const rejected: Array<{ seq: number; reason: string }> = [];
      const durable: number[] = [];
      rows.forEach((r, i) => {
        const reason = rejectedIdx.get(i);
        if (reason !== undefined) rejected.push({ seq: r.seq, reason });
        else durable.push(r.seq);
      });
      this.o.outbox.settle(durable, rejected);
      for (const r of parsed.rejected) {
        const ev = events[r.index];
        this.o.logger.error(
          {
            component: 'gateway-client',
            eventId: ev?.id,
            type: ev?.type,
            guildId: ev?.guildId,
            reason: r.reason,
          },
          'gateway rejected an event: moved to the dead-letter table',
        );
      }
      this.attempt = 0;
      this.pump();
    });
  }

  /** Tells the gateway about guilds joined after connecting; their config snapshot is applied by `onSnapshot`. */
  addGuilds(guildIds: string[], onSnapshot: (snapshot: ModuleConfigsSnapshot) => void): void {
    const socket = this.socket;
    // Not connected: the next handshake lists these guilds anyway.
    if (!socket?.connected) return;
    for (const g of guildIds) this.pendingGuilds.add(g);
    socket.emit('guilds:add', guildIds, (answer: GuildsAddAck) => {
      if (this.socket !== socket) return;
      for (const g of guildIds) this.pendingGuilds.delete(g);
      // Typed by the event map, but it crossed the wire: trusted only once parsed.
      const parsed = safeParseWith(guildsAddAckSchema, answer);
      if (!parsed.ok)
        this.o.logger.warn(
          { component: 'gateway-client', error: `malformed ack: ${formatIssues(parsed.errors)}` },
          'guilds:add refused',
        );
      else if (!parsed.value.ok)
        this.o.logger.warn({ component: 'gateway-client', error: parsed.value.error }, 'guilds:add refused');
      else onSnapshot(parsed.value.snapshot);
      this.pump();
    });
  }

  /** Resolves when the outbox has nothing sendable left (or immediately if it is empty). */
  async drained(timeoutMs = 30_000): Promise<void> {
    if (this.o.outbox.pending() === 0) return;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(new Error(`outbox not drained after ${timeoutMs} ms (${this.o.outbox.pending()} pending)`)),
        timeoutMs,
      );
      this.idleWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
      this.pump();
    });
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.inFlight = null;
    this.pendingGuilds.clear();
  }

  /** The handshake of the next (re)connection: this shard's guilds and the config position to resume from. */
  private handshakeAuth(): BotHandshakeAuth {
    const configPosition = this.o.configPosition();
    return {
      token: this.o.token,
      botId: this.o.botId,
      shardId: this.o.shardId,
      guildIds: this.o.guildIds(),
      ...(configPosition !== undefined ? { configPosition } : {}),
    };
  }

  private nextBatch(): OutboxRow<BotEventDto>[] {
    const out: OutboxRow<BotEventDto>[] = [];
    let bytes = 2;
    let after = 0;
    while (out.length < this.batchLimit) {
      const rows = this.o.outbox.readAfter(after, this.batchLimit);
      if (rows.length === 0) break;
      for (const r of rows) {
        after = r.seq;
        if (this.pendingGuilds.size > 0 && this.pendingGuilds.has(r.event.guildId)) continue;
        if (r.bytes + 1 > this.maxBatchBytes) {
          // Can never be sent: park it instead of blocking the queue forever.
          this.o.outbox.settle(
            [],
            [{ seq: r.seq, reason: `event is ${r.bytes} bytes, over the batch limit` }],
          );
          this.o.logger.error(
            { component: 'gateway-client', eventId: r.event.id },
            'event too large: dead-lettered',
          );
          continue;
        }
        if (bytes + r.bytes + 1 > this.maxBatchBytes || out.length >= this.batchLimit) return out;
        bytes += r.bytes + 1;
        out.push(r);
      }
    }
    return out;
  }

  private retryLater(rows: OutboxRow<BotEventDto>[], why: string): void {
    this.o.outbox.recordAttempt(rows.map((r) => r.seq));
    const delay = Math.min(10_000, 200 * 2 ** this.attempt++);
    this.o.logger.warn(
      { component: 'gateway-client', events: rows.length, why, retryInMs: delay },
      'batch not acked',
    );
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, delay);
    this.retryTimer.unref();
  }

  private notifyIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}

/** What the client does with an ack: settle the batch (minus `rejected`), or not, and whether to resend it. */
export type AckReading =
  | { ok: true; rejected: readonly RejectedEventReport[] }
  | { ok: false; error: string; retryable: boolean };

/**
 * Reads the gateway's `ToBackendAck` with the contracts' schema. An ack that does not parse, or that
 * names a rejected index outside the batch, settles nothing: the batch is resent (retryable), as after a
 * lost ack; a refusal is retryable when the gateway says so.
 */
export function readToBackendAck(ack: unknown, batchLength: number): AckReading {
  const parsed = safeParseWith(toBackendAckSchema, ack);
  if (!parsed.ok)
    return { ok: false, error: `malformed ack: ${formatIssues(parsed.errors)}`, retryable: true };
  const answer = parsed.value;
  if (!answer.ok) {
    const { code, message, retryable } = answer.error;
    return { ok: false, error: `${code}: ${message}`, retryable };
  }
  const outside = answer.rejected.find((r) => r.index >= batchLength);
  if (outside)
    return {
      ok: false,
      error: `ack names a rejected index out of range: ${JSON.stringify(outside)}`,
      retryable: true,
    };
  return { ok: true, rejected: answer.rejected };
}
