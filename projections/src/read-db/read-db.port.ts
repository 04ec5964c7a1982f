/**
 * The read-database port: the same SQL (TimescaleDB hypertables, continuous aggregates) runs on
 * in-process PGlite with the TimescaleDB extension (embedded profile) and on a TimescaleDB server via
 * `pg` (production). Queries are always parameterised (`$1`, `$2`...); never concatenate values.
 */

export interface QueryResult<Row> {
  readonly rows: Row[];
  /** Rows affected by INSERT/UPDATE/DELETE, when the engine reports it. */
  readonly affectedRows?: number;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs one or more statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export interface ReadDb extends SqlExecutor {
  /** Which adapter this is, for logs and for the rare engine-specific branch. */
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs `fn` in one transaction (BEGIN/COMMIT, ROLLBACK on throw). Statements must go through the
   * given executor. Transactions are serialised on PGlite (one connection).
   */
  transaction<T>(fn: (trx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Postgres LISTEN/NOTIFY (pg) or an in-process equivalent (PGlite): the API's subscriptions are
   * triggered by projection commits through this. Returns an unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}
