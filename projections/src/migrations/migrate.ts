import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ReadDb } from '../read-db/read-db.port.js';
import { assertIdentifier } from '../read-db/read-db.port.js';
import { splitSqlStatements } from './sql-statements.js';

/**
 * `projections/migrations/`: outside src so the same relative path works from `src/migrations/` (jest)
 * and `dist/migrations/` (runtime).
 */
export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/** First line of a migration that must run statement by statement outside a transaction block. */
export const NO_TRANSACTION_MARKER = '-- no-transaction';

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
  readonly transactional: boolean;
}

/** A migration file already applied has changed since: fix the file or add a new migration. */
export class MigrationChecksumError extends Error {
  constructor(
    readonly version: number,
    readonly migrationName: string,
    readonly schema: string,
  ) {
    super(
      `Migration ${String(version).padStart(3, '0')}_${migrationName} was changed after it was applied to schema "${schema}": never edit an applied migration, add a new one`,
    );
    this.name = 'MigrationChecksumError';
  }
}

const FILE_NAME = /^(\d{3})_([a-z0-9][a-z0-9_-]*)\.sql$/;

/** Reads and orders the migration files; refuses badly named files and duplicate numbers. */
export async function loadMigrations(directory: URL = MIGRATIONS_DIRECTORY): Promise<MigrationFile[]> {
  const names = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  const seen = new Map<number, string>();
  for (const file of names) {
    const match = FILE_NAME.exec(file);
    if (!match)
      throw new RangeError(`Migration file "${file}" must be named NNN_name.sql (three digits, lower case)`);
    const version = Number(match[1]);
    const previous = seen.get(version);
    if (previous) throw new RangeError(`Migrations "${previous}" and "${file}" share the number ${match[1]}`);
    seen.set(version, file);
    const sql = await readFile(new URL(file, directory), 'utf8');
    files.push({
      version,
      name: match[2] as string,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
      transactional: !sql.trimStart().startsWith(NO_TRANSACTION_MARKER),
    });
  }
  return files;
}

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export interface MigrateOptions {
  readonly directory?: URL;
  readonly logger?: Logger;
}

/**
 * Applies the pending migrations, in order, to `db.schema` (created if missing), each recorded in
 * `schema_migrations` in the same transaction. Idempotent; safe against a concurrent migrator on a
 * server (advisory lock). A `-- no-transaction` file runs statement by statement and must be written
 * re-runnable (IF NOT EXISTS), since a crash can leave it half applied.
 */
export async function migrate(db: ReadDb, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const schema = assertIdentifier('schema', db.schema);
  const files = await loadMigrations(options.directory);
  await db.session(async (conn) => {
    await conn.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await conn.exec(BOOTSTRAP);
  });
  const lockKey = `guildscope_migrate:${schema}`;
  const applied: string[] = [];
  for (const file of files) {
    const label = `${String(file.version).padStart(3, '0')}_${file.name}`;
    const done = await db.transaction(async (trx) => {
      await trx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
      const existing = await trx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [file.version],
      );
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== file.checksum) throw new MigrationChecksumError(file.version, file.name, schema);
        return true;
      }
      if (!file.transactional) return false;
      await trx.exec(file.sql);
      await trx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      applied.push(label);
      return true;
    });
    if (done) continue;
    await db.session(async (conn) => {
      for (const statement of splitSqlStatements(file.sql)) await conn.exec(statement);
      await conn.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING',
        [file.version, file.name, file.checksum],
      );
    });
    applied.push(label);
  }
  if (applied.length > 0) options.logger?.info({ schema, applied }, 'read-model migrations applied');
  return { applied };
}
