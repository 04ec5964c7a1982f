/**
 * The read-database port: the same SQL (TimescaleDB hypertables, continuous aggregates) runs on
 * in-process PGlite with the TimescaleDB extension (embedded profile) and on a TimescaleDB server via
 * `pg` (production). Queries are always parameterised (`$1`, `$2`...); never concatenate values.
 *
 * Schemas: every read-model object is created unqualified, so it lands in the schema that comes first in
 * the `search_path`. A `ReadDb` is bound to one schema (`schema`, default `guildscope`; the TimescaleDB
 * extension lives in `public`, which follows it in the path). `withSchema(name)` gives a view of the same
 * connection(s) bound to another schema: that is how `rebuild` and `verify` build into a scratch schema.
 *
 * Value shapes are the same on both adapters: int8 as a JS number when safe (else a bigint), numeric as a
 * string, timestamptz/date as a `Date`, json/jsonb parsed, arrays as JS arrays.
 */

export interface QueryResult<Row> {
  readonly rows: Row[];
  /** Rows affected by INSERT/UPDATE/DELETE, when the engine reports it. */
  readonly affectedRows?: number;
}

/** A statement and its parameters, built ahead of running it (see `Projection.prepare`). */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Something that runs SQL: the database itself or an open transaction. In a transaction, statements run
 * in the order they were called, so a caller may send several before awaiting any (`Promise.all`): each
 * round trip to the engine saved counts on PGlite, whose thread otherwise waits for the event loop. The
 * first failure fails the later statements and rolls the transaction back; the transaction waits for
 * every statement sent before it commits.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/**
 * Sends a transaction's last statements, one after the other, without waiting for them: the
 * transaction waits for every statement sent before it commits, and a failure fails the transaction.
 * COMMIT then follows them without a round trip back to the caller.
 */
export function sendLast(trx: SqlExecutor, statements: readonly Statement[]): void {
  for (const s of statements) void trx.query(s.sql, s.params);
}

/** One notification to send (see {@link ReadDb.notifyMany}). */
export interface Notification {
  readonly channel: string;
  readonly payload: string;
}

export interface ReadDb extends SqlExecutor {
  /** Which adapter this is, for logs and for the rare engine-specific branch. */
  readonly kind: 'pglite' | 'pg';
  /** The schema this handle reads and writes (first in its `search_path`). */
  readonly schema: string;
  /**
   * Runs `fn` in one transaction (BEGIN/COMMIT, ROLLBACK on throw). Statements must go through the
   * given executor (calling the `ReadDb` itself from inside `fn` deadlocks on PGlite). Transactions are
   * serialised on PGlite (one connection).
   */
  transaction<T>(fn: (trx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection outside any transaction block, with this handle's `search_path`: for
   * statements Postgres refuses inside a transaction (`CALL refresh_continuous_aggregate`, creating a
   * continuous aggregate). Each statement autocommits.
   */
  session<T>(fn: (conn: SqlExecutor) => Promise<T>): Promise<T>;
  /** A handle on the same database bound to another schema (not created here). Closing it is a no-op. */
  withSchema(schema: string): ReadDb;
  /**
   * Postgres LISTEN/NOTIFY (pg) or an in-process equivalent (PGlite): the API's subscriptions are
   * triggered by projection commits through this. Returns an unsubscribe function. Channel names are
   * lower-case identifiers (`[a-z_][a-z0-9_]*`).
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Sends several notifications in one round trip. */
  notifyMany(notifications: readonly Notification[]): Promise<void>;
  /** Closes the database (on the root handle; a `withSchema` view does nothing). */
  close(): Promise<void>;
}

/** Default schema of the live read models. */
export const DEFAULT_READ_SCHEMA = 'guildscope';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Validates a schema or channel name we interpolate as an identifier (it cannot be a parameter). */
export function assertIdentifier(kind: 'schema' | 'channel', name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new RangeError(
      `Invalid ${kind} name ${JSON.stringify(name).slice(0, 80)}: expected a lower-case identifier [a-z_][a-z0-9_]{0,62}`,
    );
  }
  return name;
}

/** `SET search_path` statement for a schema; the extension schema `public` follows it. */
export function searchPathSql(schema: string): string {
  return `SET search_path TO "${assertIdentifier('schema', schema)}", public`;
}
