import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  allProjections,
  openReadDb,
  type ReadDb,
  ReadDbInUseError,
  readDbConfig,
  type TableDiff,
  verify,
} from '@guildscope/projections';
import { type EventStore, parsePosition } from '@guildscope/write-side';
import type { Logger } from 'pino';
import { ExitCode, ReplaySourceError } from './replay.errors.js';
import type { ReplayProgress } from './replay-progress.js';

export type ReadDbSource = ReturnType<typeof readDbConfig.load>;

/** `DATABASE_URL` (server) or `READ_DB_DIR` (embedded PGlite, default ./data/timescale), `READ_DB_SCHEMA`. */
export function readDbSourceFromEnv(env: NodeJS.ProcessEnv): ReadDbSource {
  return readDbConfig.load(env);
}

/**
 * Opens the live read database without creating anything: an embedded data directory must already hold a
 * database and must not be open in another process (two PGlite instances on one directory corrupt it).
 */
export async function openLiveReadDb(source: ReadDbSource, logger: Logger): Promise<ReadDb> {
  if (!source.databaseUrl) {
    const dir = resolve(source.dataDir);
    if (!existsSync(join(dir, 'PG_VERSION')))
      throw new ReplaySourceError(
        `No read database in ${dir}: the read models were never built there (set READ_DB_DIR to the server's data directory, or DATABASE_URL to its TimescaleDB)`,
      );
  }
  let db: ReadDb;
  try {
    db = await openReadDb({
      ...(source.databaseUrl ? { databaseUrl: source.databaseUrl } : { dataDir: source.dataDir }),
      ...(source.schema ? { schema: source.schema } : {}),
      logger,
    });
  } catch (error) {
    // The PGlite adapter refuses a data directory another live process holds (its owner lock).
    if (error instanceof ReadDbInUseError)
      throw new ReplaySourceError(
        `${error.message}. Stop the server or point DATABASE_URL at the server's database, then run --verify again.`,
      );
    if (error instanceof RangeError) throw new ReplaySourceError(error.message);
    throw new ReplaySourceError(`Cannot open the read database: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'projection_checkpoints'`,
    [db.schema],
  );
  if ((rows[0]?.n ?? 0) === 0) {
    await db.close();
    throw new ReplaySourceError(
      `The read database has no read models in schema "${db.schema}" (READ_DB_SCHEMA)`,
    );
  }
  return db;
}

/** Writes the verify report to `out`; returns 0 when identical, 1 when the read models differ. */
export async function runVerify(options: {
  readonly eventStore: EventStore;
  readonly db: ReadDb;
  readonly progress: ReplayProgress;
  readonly out: (text: string) => void;
  readonly logger: Logger;
  readonly guildId?: string;
}): Promise<ExitCode> {
  const { out, progress } = options;
  const head = await options.eventStore.headPosition();
  const headCommit = head ? Number(head.commit) : 0;
  const positions = new Map<string, number>();
  progress.start(headCommit, 'verify');
  const projections = allProjections();
  const result = await verify({
    eventStore: options.eventStore,
    db: options.db,
    projections,
    logger: options.logger,
    onProgress: (p) => {
      positions.set(
        p.projection,
        p.state === 'caught-up' ? headCommit : p.position ? Number(parsePosition(p.position).commit) : 0,
      );
      // The slowest projection is how far the rebuild has got.
      if (positions.size === projections.length) progress.update(Math.min(...positions.values()));
    },
  });
  progress.stop();
  const scope = options.guildId
    ? ` (all guilds: read models are rebuilt from the whole log, not from guild ${options.guildId} alone)`
    : '';
  const took = `${(result.tookMs / 1000).toFixed(1)} s`;
  if (result.ok) {
    out(
      `OK: the read models in schema "${options.db.schema}" equal a rebuild from the event log${scope}; ${projections.length} projections, ${took}\n`,
    );
    return ExitCode.ok;
  }
  out(
    `DIFFERENCES: ${result.differences.length} read-model table(s) in schema "${options.db.schema}" differ from a rebuild from the event log${scope}\n`,
  );
  for (const diff of result.differences) out(describeDiff(diff));
  return ExitCode.differences;
}

/** One table's difference: counts, then up to 5 sample rows each way. */
export function describeDiff(diff: TableDiff): string {
  if (diff.missingIn)
    return `\n${diff.table}: exists only in the ${diff.missingIn === 'live' ? 'rebuild' : 'live schema'}\n`;
  const lines = [
    `\n${diff.table}: ${diff.onlyInLive} row(s) only in the live read model, ${diff.onlyInRebuilt} row(s) only in the rebuild`,
  ];
  for (const row of diff.samplesOnlyInLive) lines.push(`  - live:    ${JSON.stringify(row)}`);
  for (const row of diff.samplesOnlyInRebuilt) lines.push(`  + rebuild: ${JSON.stringify(row)}`);
  return `${lines.join('\n')}\n`;
}
