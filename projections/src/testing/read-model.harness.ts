import type { EventStore, RecordedEvent, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { migrate } from '../migrations/migrate.js';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { freshSchemaName } from '../read-db/read-db.contract.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import type { ApplyResult, Projection } from '../runner/projection.js';
import { ProjectionRunner, type ProjectionStatus } from '../runner/projection-runner.js';
import { openTempEventStore } from './guild-events.fixture.js';

/** A migrated, empty schema of its own on a shared database. */
export async function freshReadModel(root: ReadDb, prefix = 't'): Promise<ReadDb> {
  const db = root.withSchema(freshSchemaName(prefix));
  await migrate(db);
  return db;
}

/** Runs the projections until they have read the whole log; throws if one failed. */
export async function projectAll(
  store: EventStore,
  db: ReadDb,
  projections: readonly Projection[],
  options: { batchSize?: number; allowFailures?: boolean } = {},
): Promise<ProjectionStatus[]> {
  const runner = new ProjectionRunner({
    eventStore: store,
    db,
    projections,
    mode: 'catch-up',
    batchSize: options.batchSize,
  });
  const status = await runner.run();
  const failed = status.filter((s) => s.state === 'failed');
  if (failed.length > 0 && !options.allowFailures)
    throw new Error(failed.map((f) => f.error?.message).join('\n'));
  return status;
}

/**
 * Applies `events` as one batch the way the runner does (prepare, read, then apply in a transaction),
 * without the runner's checkpoint: to apply a batch again on purpose.
 */
export async function applyBatch<Prepared, Read>(
  db: ReadDb,
  projection: Projection<Prepared, Read>,
  events: readonly RecordedEvent[],
): Promise<ApplyResult> {
  const prepared = projection.prepare?.(events) as Prepared;
  const read = projection.read ? await projection.read(db, events, prepared) : (prepared as unknown as Read);
  return db.transaction((trx) => projection.apply(trx, events, read));
}

/** What {@link useReadModelTestbed} gives each test: a fresh event store and a fresh migrated schema. */
export interface ReadModelTestbed {
  /** The shared in-memory PGlite (for extra schemas). */
  readonly root: ReadDb;
  readonly db: ReadDb;
  readonly store: SqliteEventStore;
}

/**
 * Registers jest hooks: one in-memory PGlite for the file, and before each test an empty temp event store
 * and a fresh schema named after `prefix`. `beforeEachTest` runs first (e.g. to stop a runner).
 */
export function useReadModelTestbed(prefix: string, beforeEachTest?: () => Promise<void>): ReadModelTestbed {
  let root: ReadDb | undefined;
  let db: ReadDb | undefined;
  let store: SqliteEventStore | undefined;
  let closeStore: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    root = await PgliteReadDb.open({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await beforeEachTest?.();
    await closeStore?.();
    await root?.close();
  });
  beforeEach(async () => {
    await beforeEachTest?.();
    await closeStore?.();
    const opened = await openTempEventStore();
    store = opened.store;
    closeStore = opened.close;
    db = await freshReadModel(root as ReadDb, prefix);
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the read-model testbed is used outside a test');
    return value;
  };
  return {
    get root() {
      return opened(root);
    },
    get db() {
      return opened(db);
    },
    get store() {
      return opened(store);
    },
  };
}
