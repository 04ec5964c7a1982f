import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AsyncMutex } from './async-mutex.js';
import { assertPgliteDataDirFree, claimPgliteDataDir } from './pglite-owner.lock.js';
import { PgliteThread } from './pglite-thread.client.js';
import { sendPipelinedTransaction } from './pipelined-transaction.js';
import {
  assertIdentifier,
  DEFAULT_READ_SCHEMA,
  type Notification,
  type QueryResult,
  type ReadDb,
  type SqlExecutor,
  searchPathSql,
} from './read-db.port.js';

export const DEFAULT_PGLITE_DATA_DIR = './data/timescale';

export interface PgliteReadDbOptions {
  /** Data directory (created), or `'memory'` for an in-memory database (tests). Default `./data/timescale`. */
  readonly dataDir?: string;
  /** Schema of the read models. Default `guildscope`. */
  readonly schema?: string;
}

/** What the views of one PGlite instance share: the instance, its lock, the current search_path. */
class PgliteCore {
  readonly mutex = new AsyncMutex();
  readonly emitter = new EventEmitter();
  currentSchema: string | null = null;
  closed = false;

  constructor(
    readonly pg: PgliteThread,
    /** Releases the data directory's owner lock (a no-op in memory). */
    readonly release: () => void,
  ) {
    // The API may hold many subscriptions per channel.
    this.emitter.setMaxListeners(0);
  }

  /** Runs `fn` alone, with the search_path of `schema` (set outside any transaction so it sticks). */
  run<T>(schema: string, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      if (this.closed) throw new Error('PGlite read database is closed');
      if (this.currentSchema !== schema) {
        await this.pg.exec(searchPathSql(schema));
        this.currentSchema = schema;
      }
      return fn();
    });
  }
}

function executor(target: PgliteThread): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params);
      return { rows: result.rows, affectedRows: result.affectedRows };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/**
 * The embedded read database: PGlite (Postgres in WASM) with TimescaleDB, on a thread of this process
 * (pglite.thread.ts) so that Postgres's work never blocks the event loop. One connection: every query,
 * transaction and session is serialised by a mutex. LISTEN/NOTIFY is an
 * in-process event emitter (only this process can open the data directory anyway).
 */
export class PgliteReadDb implements ReadDb {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly core: PgliteCore,
    readonly schema: string,
    private readonly isRoot: boolean,
  ) {}

  /** Opens (creating if needed) the database and the TimescaleDB extension. Takes about a second. */
  static async open(options: PgliteReadDbOptions = {}): Promise<PgliteReadDb> {
    const schema = assertIdentifier('schema', options.schema ?? DEFAULT_READ_SCHEMA);
    const dataDir = options.dataDir ?? DEFAULT_PGLITE_DATA_DIR;
    let pg: PgliteThread;
    let release: () => void = () => undefined;
    if (dataDir === 'memory') {
      pg = await PgliteThread.start({ dataDir });
    } else {
      const path = resolve(dataDir);
      mkdirSync(path, { recursive: true });
      assertPgliteDataDirFree(path);
      pg = await PgliteThread.start({ dataDir: path });
      release = claimPgliteDataDir(path);
    }
    return new PgliteReadDb(new PgliteCore(pg, release), schema, true);
  }

  withSchema(schema: string): ReadDb {
    return new PgliteReadDb(this.core, assertIdentifier('schema', schema), false);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.core.run(this.schema, () => executor(this.core.pg).query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.core.run(this.schema, () => executor(this.core.pg).exec(sql));
  }

  transaction<T>(fn: (trx: SqlExecutor) => Promise<T>): Promise<T> {
    // The lock is released once COMMIT is sent: the next transaction's statements queue behind it.
    return this.core
      .run(this.schema, () => sendPipelinedTransaction(executor(this.core.pg), fn))
      .then(({ outcome }) => outcome);
  }

  session<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T> {
    return this.core.run(this.schema, () => fn(executor(this.core.pg)));
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    assertIdentifier('channel', channel);
    // Delivered asynchronously, like a real NOTIFY, so a slow listener never holds up the notifier.
    const handler = (payload: string) => queueMicrotask(() => onPayload(payload));
    this.core.emitter.on(channel, handler);
    return async () => {
      this.core.emitter.off(channel, handler);
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    assertIdentifier('channel', channel);
    this.core.emitter.emit(channel, payload);
  }

  async notifyMany(notifications: readonly Notification[]): Promise<void> {
    for (const n of notifications) assertIdentifier('channel', n.channel);
    for (const n of notifications) this.core.emitter.emit(n.channel, n.payload);
  }

  async close(): Promise<void> {
    if (!this.isRoot || this.core.closed) return;
    await this.core.mutex.run(async () => {
      this.core.closed = true;
      this.core.emitter.removeAllListeners();
      await this.core.pg.close();
      this.core.release();
    });
  }
}
