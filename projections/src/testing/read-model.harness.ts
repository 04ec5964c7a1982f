import type { EventStore } from '@guildscope/write-side';
import { migrate } from '../migrations/migrate.js';
import { freshSchemaName } from '../read-db/read-db.contract.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';
import { ProjectionRunner, type ProjectionStatus } from '../runner/projection-runner.js';

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
