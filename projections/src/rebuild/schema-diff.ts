import type { SqlExecutor } from '../read-db/read-db.port.js';
import { assertIdentifier } from '../read-db/read-db.port.js';

/** Infrastructure tables: not read models, never diffed. */
export const INFRASTRUCTURE_TABLES: readonly string[] = ['schema_migrations', 'projection_checkpoints'];

/**
 * Tables in the read-model schema that are not built from the event log (the API's tokens): a rebuild
 * carries their rows over, verify ignores them.
 */
export const PRESERVED_TABLES: readonly string[] = ['api_tokens'];

/** Columns whose value depends on when a row was written, not on the events: left out of diffs. */
export const VOLATILE_COLUMNS: readonly string[] = ['projected_at', 'refreshed_at'];

export interface TableDiff {
  readonly table: string;
  /** Rows in the live schema and not in the rebuilt one (EXCEPT ALL, so duplicates count). */
  readonly onlyInLive: number;
  readonly onlyInRebuilt: number;
  /** Up to 5 example rows each way (column values as text). */
  readonly samplesOnlyInLive: readonly Record<string, string | null>[];
  readonly samplesOnlyInRebuilt: readonly Record<string, string | null>[];
  /** The table exists in one schema only. */
  readonly missingIn?: 'live' | 'rebuilt';
}

/** Read-model tables and views of a schema (continuous aggregates are views), sorted. */
export async function readModelRelations(db: SqlExecutor, schema: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = $1 AND table_type IN ('BASE TABLE', 'VIEW') ORDER BY 1`,
    [schema],
  );
  const skip = new Set([...INFRASTRUCTURE_TABLES, ...PRESERVED_TABLES]);
  return rows.map((r) => r.name).filter((n) => !skip.has(n));
}

async function columnsOf(db: SqlExecutor, schema: string, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
     ORDER BY ordinal_position`,
    [schema, table],
  );
  return rows.map((r) => r.name).filter((c) => !VOLATILE_COLUMNS.includes(c));
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Row-level diff of every read-model relation of `live` against `rebuilt` (same database), comparing the
 * text form of each non-volatile column with EXCEPT ALL both ways. Empty when identical.
 */
export async function diffSchemas(db: SqlExecutor, live: string, rebuilt: string): Promise<TableDiff[]> {
  assertIdentifier('schema', live);
  assertIdentifier('schema', rebuilt);
  const liveTables = await readModelRelations(db, live);
  const rebuiltTables = await readModelRelations(db, rebuilt);
  const diffs: TableDiff[] = [];
  for (const table of [...new Set([...liveTables, ...rebuiltTables])].sort()) {
    const inLive = liveTables.includes(table);
    const inRebuilt = rebuiltTables.includes(table);
    if (!inLive || !inRebuilt) {
      diffs.push({
        table,
        onlyInLive: 0,
        onlyInRebuilt: 0,
        samplesOnlyInLive: [],
        samplesOnlyInRebuilt: [],
        missingIn: inLive ? 'rebuilt' : 'live',
      });
      continue;
    }
    const columns = await columnsOf(db, live, table);
    const select = (schema: string) =>
      `SELECT ${columns.map((c) => `${quote(c)}::text AS ${quote(c)}`).join(', ')} FROM ${quote(schema)}.${quote(table)}`;
    const compare = async (a: string, b: string) => {
      const sql = `${select(a)} EXCEPT ALL ${select(b)}`;
      const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) d`);
      const sample = await db.query<Record<string, string | null>>(`${sql} LIMIT 5`);
      return { n: count.rows[0]?.n ?? 0, sample: sample.rows };
    };
    const a = await compare(live, rebuilt);
    const b = await compare(rebuilt, live);
    if (a.n > 0 || b.n > 0) {
      diffs.push({
        table,
        onlyInLive: a.n,
        onlyInRebuilt: b.n,
        samplesOnlyInLive: a.sample,
        samplesOnlyInRebuilt: b.sample,
      });
    }
  }
  return diffs;
}
