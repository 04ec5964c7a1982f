import type { EventStore, LogPosition } from '@guildscope/write-side';
import { parsePosition } from '@guildscope/write-side';
import type { Logger } from 'pino';
import { applyRetentionHorizons, readRetentionHorizons } from '../activity/activity.retention.js';
import { migrate } from '../migrations/migrate.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import { loadCheckpoints } from '../runner/checkpoints.js';
import type { Projection } from '../runner/projection.js';
import {
  type ProjectionProgress,
  ProjectionRunner,
  type ProjectionStatus,
} from '../runner/projection-runner.js';
import { withReadIndexesDeferred } from './deferred-indexes.js';
import { diffSchemas, PRESERVED_TABLES, type TableDiff } from './schema-diff.js';

export interface RebuildOptions {
  readonly eventStore: EventStore;
  /** The live read database (bound to the live schema). */
  readonly db: ReadDb;
  readonly projections: readonly Projection[];
  /** Rebuild only this projection; the others keep their tables and checkpoints (copied over). */
  readonly only?: string;
  readonly batchSize?: number;
  readonly onProgress?: (progress: ProjectionProgress) => void;
  readonly logger?: Logger;
}

export interface RebuildResult {
  readonly schema: string;
  readonly status: ProjectionStatus[];
  readonly tookMs: number;
}

const suffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** Tables a projection owns: the relations its migrations created, by convention not knowable here. */
async function tablesOf(db: ReadDb, schema: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  return rows.map((r) => r.name);
}

/**
 * Builds `schema` from position 0 (or up to `until`) with the given projections, in catch-up mode and
 * without notifications, the projections' read indexes created after the replay, then the activity
 * retention `horizons` (those of the schema it stands for: raw rows before them dropped, aggregates
 * kept). The schema must not exist yet.
 */
export async function buildSchema(
  options: Omit<RebuildOptions, 'db' | 'only'> & {
    readonly db: ReadDb;
    readonly schema: string;
    readonly until?: LogPosition | ReadonlyMap<string, LogPosition | null>;
    readonly prepare?: (scratch: ReadDb) => Promise<void>;
    readonly horizons?: ReadonlyMap<string, Date>;
  },
): Promise<ProjectionStatus[]> {
  const scratch = options.db.withSchema(options.schema);
  await migrate(scratch, { logger: options.logger });
  await options.prepare?.(scratch);
  const runner = new ProjectionRunner({
    eventStore: options.eventStore,
    db: scratch,
    projections: options.projections,
    mode: 'catch-up',
    until: options.until,
    notify: false,
    batchSize: options.batchSize,
    onProgress: options.onProgress,
    logger: options.logger,
  });
  const status = await withReadIndexesDeferred(
    scratch,
    options.projections,
    () => runner.run(),
    options.logger,
  );
  const failed = status.filter((s) => s.state === 'failed');
  if (failed.length > 0) {
    throw new Error(
      `Rebuild of schema "${options.schema}" failed: ${failed.map((f) => f.error?.message).join('; ')}`,
    );
  }
  if (options.horizons) await applyRetentionHorizons(scratch, options.horizons);
  return status;
}

/**
 * Rebuilds the read models into a fresh schema from position 0, then switches: in one transaction the
 * live schema is renamed away and the fresh one takes its name, so readers see the new tables at once
 * (a live runner notices its checkpoint moved and resumes from the new one). Rows of preserved tables
 * (API tokens) are copied in the switch transaction. With `only`, the other projections' tables and
 * checkpoints are copied from live first, so only that projection is replayed.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const live = options.db.schema;
  const schema = `${live}_rebuild_${suffix()}`;
  if (options.only && !options.projections.some((p) => p.name === options.only)) {
    throw new RangeError(
      `Unknown projection "${options.only}": expected one of ${options.projections.map((p) => p.name).join(', ')}`,
    );
  }
  try {
    const status = await buildSchema({
      ...options,
      schema,
      // Retention dropped raw activity rows from the live schema: the rebuild drops the same ones.
      horizons: await readRetentionHorizons(options.db),
      prepare: options.only ? (scratch) => copyOthers(options, scratch, options.only as string) : undefined,
    });
    await switchSchemas(options.db, schema, live);
    options.logger?.info({ schema: live, tookMs: Date.now() - started }, 'read models rebuilt and switched');
    return { schema: live, status, tookMs: Date.now() - started };
  } catch (error) {
    await options.db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    throw error;
  }
}

/**
 * For a single-projection rebuild: copy every live table except the ones the rebuilt projection writes
 * (found by building it alone into an empty probe schema) plus the other checkpoints.
 */
async function copyOthers(options: RebuildOptions, scratch: ReadDb, only: string): Promise<void> {
  const live = options.db.schema;
  const probe = `${live}_probe_${suffix()}`;
  try {
    // A table belongs to the projection if replaying it alone writes rows there. Tables it owns but
    // leaves empty are copied empty from live anyway (TRUNCATE below keeps them empty).
    await buildSchema({
      ...options,
      db: options.db,
      schema: probe,
      projections: options.projections.filter((p) => p.name === only),
    });
    const written = new Set<string>();
    for (const table of await tablesOf(options.db, probe)) {
      const { rows } = await options.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${probe}"."${table}"`,
      );
      if ((rows[0]?.n ?? 0) > 0) written.add(table);
    }
    const liveTables = await tablesOf(options.db, live);
    await scratch.transaction(async (trx) => {
      await trx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      for (const table of liveTables) {
        if (written.has(table) || table === 'schema_migrations' || table === 'projection_checkpoints')
          continue;
        await trx.exec(`INSERT INTO "${scratch.schema}"."${table}" SELECT * FROM "${live}"."${table}"`);
      }
      await trx.query(
        `INSERT INTO projection_checkpoints SELECT * FROM "${live}".projection_checkpoints WHERE projection <> $1`,
        [only],
      );
    });
  } finally {
    await options.db.exec(`DROP SCHEMA IF EXISTS "${probe}" CASCADE`);
  }
}

/** Atomically gives `fresh` the name `live`; the old live schema is dropped after the commit. */
export async function switchSchemas(db: ReadDb, fresh: string, live: string): Promise<void> {
  const old = `${live}_old_${suffix()}`;
  await db.withSchema(fresh).transaction(async (trx) => {
    // Lock the live checkpoints so a live runner's commit cannot land in between.
    await trx.exec(`LOCK TABLE "${live}".projection_checkpoints IN EXCLUSIVE MODE`);
    for (const table of PRESERVED_TABLES) {
      const exists = await trx.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`,
        [live, table],
      );
      if (exists.rows.length === 0) continue;
      await trx.exec(`DELETE FROM "${fresh}"."${table}"`);
      await trx.exec(`INSERT INTO "${fresh}"."${table}" SELECT * FROM "${live}"."${table}"`);
    }
    await trx.exec(`ALTER SCHEMA "${live}" RENAME TO "${old}"`);
    await trx.exec(`ALTER SCHEMA "${fresh}" RENAME TO "${live}"`);
  });
  await db.withSchema(live).exec(`DROP SCHEMA "${old}" CASCADE`);
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly differences: TableDiff[];
  readonly tookMs: number;
}

/**
 * Rebuilds every projection into a scratch schema up to the live checkpoints, applies the live schema's
 * retention horizons to it, diffs every read-model table against the live schema (row level, volatile
 * columns left out), and drops the scratch schema. A snapshot older than a horizon that arrived after
 * retention ran is not in the live aggregates (it could not be merged into dropped days) but is in the
 * rebuild's: verify reports it, as it is data the live read models lack.
 */
export async function verify(options: Omit<RebuildOptions, 'only'>): Promise<VerifyResult> {
  const started = Date.now();
  const live = options.db.schema;
  const schema = `${live}_verify_${suffix()}`;
  const checkpoints = await loadCheckpoints(options.db);
  const until = new Map<string, LogPosition | null>(
    options.projections.map((p) => {
      const position = checkpoints.get(p.name);
      return [p.name, position ? parsePosition(position) : null];
    }),
  );
  try {
    // The live schema lost raw activity rows to retention (their aggregates kept): so does the rebuild.
    await buildSchema({ ...options, schema, until, horizons: await readRetentionHorizons(options.db) });
    const differences = await diffSchemas(options.db, live, schema);
    return { ok: differences.length === 0, differences, tookMs: Date.now() - started };
  } finally {
    await options.db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
}
