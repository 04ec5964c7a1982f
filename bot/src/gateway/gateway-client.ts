import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { Outbox, OutboxEvent, OutboxRow } from '../outbox/outbox.js';

/** The gateway's answer to one `to-backend` batch, sent once the batch is durable. */
export interface IngestAck {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
}

export interface GatewayClientOptions<E extends OutboxEvent> {
  url: string;
  token: string;
  botId: string;
  shardId: number;
  /** Guilds this connection serves, read at every (re)connection. */
  guildIds: () => string[];
  /** Last applied config position, read at every (re)connection (resume instead of snapshot). */
  configPosition: () => string | undefined;
  outbox: Outbox<E>;
  logger: Logger;
  /** Events per batch (the gateway refuses more than 500). */
  maxBatchEvents?: number;
  /** JSON bytes per batch (the gateway refuses more than 1 MiB). */
  maxBatchBytes?: number;
  ackTimeoutMs?: number;
  /** Seqs the batcher still holds back (not due yet). */
  isHeld?: (seq: number) => boolean;
  /** Registers handlers for the config feed on every new socket. */
  onSocket?: (socket: Socket) => void;
}

/**
 * The bot's Socket.IO link to the gateway. Sends the outbox oldest-first, one batch in flight at a time
 * (so the backlog drains in order), deletes events only on a durable ack, and keeps retrying across
 * disconnects; the handshake carries this shard's guilds and the config position to resume from.
 */
export class GatewayClient<E extends OutboxEvent> {
  private socket: Socket | null = null;
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

  constructor(private readonly o: GatewayClientOptions<E>) {
    this.maxBatchEvents = o.maxBatchEvents ?? 500;
    this.maxBatchBytes = o.maxBatchBytes ?? 1024 * 1024 - 1024;
    this.ackTimeoutMs = o.ackTimeoutMs ?? 15_000;
    this.batchLimit = this.maxBatchEvents;
  }

  start(): void {
    if (this.socket) return;
    const socket = io(this.o.url, {
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 2_000,
      // A function: guild list and config position are re-read on each reconnection.
      auth: (cb) =>
        cb({
          token: this.o.token,
          botId: this.o.botId,
          shardId: this.o.shardId,
          guildIds: this.o.guildIds(),
          ...(this.o.configPosition() !== undefined ? { configPosition: this.o.configPosition() } : {}),
        }),
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
      this.o.logger.warn(
        { component: 'gateway-client', err: err.message },
        'gateway connection failed; retrying',
      );
    });
    this.o.onSocket?.(socket);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Socket.IO socket (config feed handlers emit acks on it). */
  get io(): Socket | null {
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
    socket.timeout(this.ackTimeoutMs).emit('to-backend', events, (err: Error | null, ack: unknown) => {
      if (this.inFlight !== token) return; // a reconnect already resent these
      this.inFlight = null;
      if (err) return this.retryLater(rows, `ack not received: ${err.message}`);
      const parsed = parseAck(ack, rows.length);
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
      const rejectedIdx = new Map(parsed.ack.rejected.map((r) => [r.index, r.reason]));
      const rejected: Array<{ seq: number; reason: string }> = [];
      const durable: number[] = [];
      rows.forEach((r, i) => {
        const reason = rejectedIdx.get(i);
        if (reason !== undefined) rejected.push({ seq: r.seq, reason });
        else durable.push(r.seq);
      });
      this.o.outbox.settle(durable, rejected);
      for (const r of parsed.ack.rejected) {
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
  addGuilds(guildIds: string[], onSnapshot: (snapshot: unknown) => void): void {
    const socket = this.socket;
    // Not connected: the next handshake lists these guilds anyway.
    if (!socket?.connected) return;
    for (const g of guildIds) this.pendingGuilds.add(g);
    socket.emit('guilds:add', guildIds, (ack: { ok?: boolean; snapshot?: unknown; error?: unknown }) => {
      if (this.socket !== socket) return;
      for (const g of guildIds) this.pendingGuilds.delete(g);
      if (ack?.ok) onSnapshot(ack.snapshot);
      else this.o.logger.warn({ component: 'gateway-client', error: ack?.error }, 'guilds:add refused');
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

  private nextBatch(): OutboxRow<E>[] {
    const out: OutboxRow<E>[] = [];
    let bytes = 2;
    let after = 0;
    while (out.length < this.batchLimit) {
      const rows = this.o.outbox.readAfter(after, this.batchLimit);
      if (rows.length === 0) break;
      for (const r of rows) {
        after = r.seq;
        if (this.o.isHeld?.(r.seq)) continue;
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

  private retryLater(rows: OutboxRow<E>[], why: string): void {
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

type ParsedAck = { ok: true; ack: IngestAck } | { ok: false; error: string; retryable: boolean };

/** Reads the gateway's `ToBackendAck` (`{ ok: true, accepted, duplicates, rejected }` or `{ ok: false, error }`). */
function parseAck(ack: unknown, batchLength: number): ParsedAck {
  if (typeof ack !== 'object' || ack === null) {
    return { ok: false, error: `malformed ack ${JSON.stringify(ack)}`, retryable: true };
  }
  const a = ack as Record<string, unknown>;
  if (a.ok === false || !Array.isArray(a.rejected)) {
    const e = (a.error ?? {}) as { code?: string; message?: string; retryable?: boolean };
    return {
      ok: false,
      error: `${e.code ?? 'REFUSED'}: ${e.message ?? JSON.stringify(ack).slice(0, 300)}`,
      retryable: e.retryable !== false,
    };
  }
  const rejected: IngestAck['rejected'] = [];
  for (const r of a.rejected as unknown[]) {
    const rr = r as { index?: unknown; reason?: unknown };
    if (typeof rr.index !== 'number' || rr.index < 0 || rr.index >= batchLength) {
      return {
        ok: false,
        error: `ack names a rejected index out of range: ${JSON.stringify(r)}`,
        retryable: true,
      };
    }
    rejected.push({
      index: rr.index,
      reason: typeof rr.reason === 'string' ? rr.reason : JSON.stringify(rr.reason),
    });
  }
  return {
    ok: true,
    ack: { accepted: Number(a.accepted ?? 0), duplicates: Number(a.duplicates ?? 0), rejected },
  };
}
