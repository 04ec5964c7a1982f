import pg from 'pg';
import type { Logger } from 'pino';
import { runPipelinedTransaction } from './pipelined-transaction.js';
import {
  assertIdentifier,
  DEFAULT_READ_SCHEMA,
  type Notification,
  type QueryResult,
  type ReadDb,
  type SqlExecutor,
  searchPathSql,
} from './read-db.port.js';

export interface PgReadDbOptions {
  /** `postgres://user:pass@host:5432/db` of a TimescaleDB server. */
  readonly connectionString: string;
  readonly schema?: string;
  /** Pool size. Default 10. */
  readonly max?: number;
  readonly logger?: Logger;
}

const INT8_OID = 20;
const DATE_OID = 1082;

/** Same value shapes as PGlite: int8 as a number when safe (else bigint), date as UTC midnight. */
function typeParsers(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID) {
        return (value: string) => {
          const n = BigInt(value);
          return n < BigInt(Number.MIN_SAFE_INTEGER) || n > BigInt(Number.MAX_SAFE_INTEGER) ? n : Number(n);
        };
      }
      if (oid === DATE_OID) return (value: string) => new Date(value);
      return pg.types.getTypeParser(oid, format ?? 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function executor(client: pg.PoolClient | pg.Client): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = await client.query(sql, params ? [...params] : undefined);
      return { rows: result.rows as Row[], affectedRows: result.rowCount ?? undefined };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

class PgCore {
  /** search_path each pooled connection currently has, so it is only set when it changes. */
  readonly schemaOf = new WeakMap<pg.PoolClient, string>();
  listener: pg.Client | null = null;
  listenerReady: Promise<pg.Client> | null = null;
  readonly handlers = new Map<string, Set<(payload: string) => void>>();
  closed = false;

  constructor(
    readonly pool: pg.Pool,
    readonly options: PgReadDbOptions,
  ) {}

  async withClient<T>(schema: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      if (this.schemaOf.get(client) !== schema) {
        await client.query(searchPathSql(schema));
        this.schemaOf.set(client, schema);
      }
      return await fn(client);
    } catch (error) {
      // A connection-level failure must not go back into the pool.
      if (error instanceof Error && !('code' in error)) broken = error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One dedicated connection for LISTEN, opened on first use. */
  async listenerClient(): Promise<pg.Client> {
    if (!this.listenerReady) {
      this.listenerReady = (async () => {
        const client = new pg.Client({ connectionString: this.options.connectionString });
        client.on('notification', (msg) => {
          for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
        });
        client.on('error', (error) => this.options.logger?.error({ err: error }, 'LISTEN connection failed'));
        await client.connect();
        this.listener = client;
        return client;
      })();
    }
    return this.listenerReady;
  }
}

/** The production read database: a TimescaleDB server through a `pg` pool; LISTEN on its own connection. */
export class PgReadDb implements ReadDb {
  readonly kind = 'pg' as const;

  private constructor(
    private readonly core: PgCore,
    readonly schema: string,
    private readonly isRoot: boolean,
  ) {}

  /** Connects, checks the server answers and creates the TimescaleDB extension if missing. */
  static async open(options: PgReadDbOptions): Promise<PgReadDb> {
    const schema = assertIdentifier('schema', options.schema ?? DEFAULT_READ_SCHEMA);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      types: typeParsers(),
    });
    pool.on('error', (error) => options.logger?.error({ err: error }, 'idle read-db connection failed'));
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    } catch (error) {
      await pool.end();
      throw new Error(
        `Cannot prepare the read database at DATABASE_URL (TimescaleDB required): ${(error as Error).message}`,
      );
    }
    return new PgReadDb(new PgCore(pool, options), schema, true);
  }

  withSchema(schema: string): ReadDb {
    return new PgReadDb(this.core, assertIdentifier('schema', schema), false);
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    return this.core.withClient(this.schema, (client) => executor(client).query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.core.withClient(this.schema, (client) => executor(client).exec(sql));
  }

  transaction<T>(fn: (trx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.core.withClient(this.schema, (client) => runPipelinedTransaction(executor(client), fn));
  }

  session<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T> {
    return this.core.withClient(this.schema, (client) => fn(executor(client)));
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    assertIdentifier('channel', channel);
    const client = await this.core.listenerClient();
    let set = this.core.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.core.handlers.set(channel, set);
      await client.query(`LISTEN "${channel}"`);
    }
    set.add(onPayload);
    return async () => {
      const current = this.core.handlers.get(channel);
      if (!current?.delete(onPayload) || current.size > 0) return;
      this.core.handlers.delete(channel);
      if (!this.core.closed) await client.query(`UNLISTEN "${channel}"`);
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    assertIdentifier('channel', channel);
    await this.core.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async notifyMany(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    for (const n of notifications) assertIdentifier('channel', n.channel);
    await this.core.pool.query(
      'SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(c, p, i) ORDER BY i',
      [notifications.map((n) => n.channel), notifications.map((n) => n.payload)],
    );
  }

  async close(): Promise<void> {
    if (!this.isRoot || this.core.closed) return;
    this.core.closed = true;
    if (this.core.listener) await this.core.listener.end().catch(() => undefined);
    await this.core.pool.end();
  }
}
