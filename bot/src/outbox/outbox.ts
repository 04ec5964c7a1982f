import Database from 'better-sqlite3';
import type { Logger } from 'pino';

/** The part of an event the outbox needs; the payload is stored as the JSON the gateway receives. */
export interface OutboxEvent {
  id: string;
  type: string;
  guildId: string;
}

export interface OutboxRow<E extends OutboxEvent = OutboxEvent> {
  seq: number;
  event: E;
  bytes: number;
}

export interface OutboxOptions {
  /** Most events kept; appends beyond it are refused (and logged) so the disk cannot fill up. */
  maxEvents: number;
  logger: Logger;
}

export interface DeadLetter {
  seq: number;
  id: string;
  type: string;
  reason: string;
  payload: string;
  failedAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  guild_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS dead_letter (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  reason TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bot_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/**
 * Durable outbox (better-sqlite3, WAL). Every event is written here before anything tries to send it
 * and deleted only when the gateway acks it as durable, so a crash (even SIGKILL) or a gateway outage
 * loses nothing; retries carry the same event id, which the event store deduplicates. Rejected events
 * move to `dead_letter` with the gateway's reason. The same file keeps small bot state (the last acked
 * config position).
 */
export class Outbox<E extends OutboxEvent = OutboxEvent> {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly countStmt: Database.Statement;
  private readonly selectAfter: Database.Statement;
  private readonly deleteSeq: Database.Statement;
  private readonly insertDead: Database.Statement;
  private readonly bumpAttempts: Database.Statement;
  private count: number;
  private warnedAt = 0;
  private droppedCount = 0;

  constructor(
    readonly path: string,
    private readonly opts: OutboxOptions,
  ) {
    this.db = new Database(path);
    // WAL + synchronous=NORMAL: a committed append survives a process crash (SIGKILL); only an OS crash
    // or power loss could lose the last transactions.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO outbox (id, type, guild_id, payload, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.countStmt = this.db.prepare('SELECT count(*) AS n FROM outbox');
    this.selectAfter = this.db.prepare('SELECT seq, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteSeq = this.db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.insertDead = this.db.prepare(
      'INSERT OR REPLACE INTO dead_letter (seq, id, type, payload, reason, failed_at) SELECT seq, id, type, payload, ?, ? FROM outbox WHERE seq = ?',
    );
    this.bumpAttempts = this.db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?');
    this.count = (this.countStmt.get() as { n: number }).n;
  }

  /**
   * Stores an event; returns its sequence number, or null when the outbox is full (the event is dropped
   * and an error is logged: the gateway has been unreachable for too long).
   */
  append(event: E, now = Date.now()): number | null {
    if (this.count >= this.opts.maxEvents) {
      this.droppedCount++;
      this.opts.logger.error(
        {
          component: 'outbox',
          pending: this.count,
          maxEvents: this.opts.maxEvents,
          type: event.type,
          eventId: event.id,
        },
        'outbox full: event dropped (the gateway has not acked events for a long time; raise OUTBOX_MAX_EVENTS or fix the gateway)',
      );
      return null;
    }
    const info = this.insert.run(event.id, event.type, event.guildId, JSON.stringify(event), now);
    if (info.changes === 0) return null; // same id already stored: retries are idempotent
    this.count++;
    if (this.count >= this.opts.maxEvents * 0.8 && now - this.warnedAt > 60_000) {
      this.warnedAt = now;
      this.opts.logger.warn(
        { component: 'outbox', pending: this.count, maxEvents: this.opts.maxEvents },
        'outbox above 80% of its size limit: events are not being acked by the gateway',
      );
    }
    return Number(info.lastInsertRowid);
  }

  /** Stored events with seq > `afterSeq`, oldest first. */
  readAfter(afterSeq: number, limit: number): OutboxRow<E>[] {
    return (this.selectAfter.all(afterSeq, limit) as Array<{ seq: number; payload: string }>).map((r) => ({
      seq: r.seq,
      event: JSON.parse(r.payload) as E,
      bytes: Buffer.byteLength(r.payload),
    }));
  }

  /** Applies a gateway ack: durable events are deleted, rejected ones moved to the dead-letter table. */
  settle(
    durableSeqs: readonly number[],
    rejected: ReadonlyArray<{ seq: number; reason: string }>,
    now = Date.now(),
  ) {
    this.db.transaction(() => {
      for (const r of rejected) {
        this.insertDead.run(r.reason, now, r.seq);
        this.deleteSeq.run(r.seq);
      }
      for (const seq of durableSeqs) this.deleteSeq.run(seq);
    })();
    this.count = (this.countStmt.get() as { n: number }).n;
  }

  /** Counts a failed send attempt (diagnostics). */
  recordAttempt(seqs: readonly number[]): void {
    this.db.transaction(() => {
      for (const s of seqs) this.bumpAttempts.run(s);
    })();
  }

  pending(): number {
    return this.count;
  }

  dropped(): number {
    return this.droppedCount;
  }

  deadLetters(): DeadLetter[] {
    return (
      this.db
        .prepare('SELECT seq, id, type, payload, reason, failed_at AS failedAt FROM dead_letter ORDER BY seq')
        .all() as DeadLetter[]
    ).map((d) => ({ ...d }));
  }

  getState(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM bot_state WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setState(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
