#!/usr/bin/env node
import { ConfigError } from '@guildscope/contracts/config';
import {
  createEventStore,
  type EventStore,
  eventStoreConfigFromEnv,
  parsePosition,
} from '@guildscope/write-side';
import cliProgress from 'cli-progress';
import { pino } from 'pino';
import { migrate } from './migrations/migrate.js';
import { allProjections, projectionNamed } from './projections.registry.js';
import { projectionsCliConfig } from './projections-cli.config.js';
import { openReadDb } from './read-db/read-db.factory.js';
import type { ReadDb } from './read-db/read-db.port.js';
import { rebuild, verify } from './rebuild/rebuild.js';
import type { ProjectionProgress } from './runner/projection-runner.js';

const USAGE = `Usage: projections <command>
  migrate            apply pending read-model migrations
  rebuild [name]     rebuild the read models (or one projection) into a fresh schema from position 0, then switch
  verify             rebuild into a scratch schema and diff every read-model table against the live one
Environment: DATABASE_URL (TimescaleDB server; unset = embedded PGlite in READ_DB_DIR, default ./data/timescale),
  READ_DB_SCHEMA (default guildscope), EVENTSTORE_URL / EVENTSTORE_PATH (event store, default ./data/events.db).
The embedded PGlite data directory can be opened by one process only: stop the server first.`;

/** A progress bar per projection on stderr (position against the head of the log). */
function progressBars(): { onProgress: (p: ProjectionProgress) => void; stop(): void } {
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {name} [{bar}] {percentage}% | {events} events | {state}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let head = 1;
  return {
    onProgress(p) {
      if (p.head) head = Math.max(head, Number(parsePosition(p.head).commit));
      const value = p.position ? Number(parsePosition(p.position).commit) : 0;
      let bar = bars.get(p.projection);
      if (!bar) {
        bar = multi.create(head, 0, { name: p.projection.padEnd(16), events: 0, state: p.state });
        bars.set(p.projection, bar);
      }
      bar.setTotal(Math.max(head, value, 1));
      bar.update(p.state === 'caught-up' ? Math.max(head, value) : value, {
        events: p.eventsApplied,
        state: p.state,
      });
    },
    stop: () => multi.stop(),
  };
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, name, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  let config: ReturnType<typeof projectionsCliConfig.load>;
  let storeConfig: ReturnType<typeof eventStoreConfigFromEnv>;
  try {
    config = projectionsCliConfig.load(env);
    storeConfig = eventStoreConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const logger = pino({ level: config.logLevel }, pino.destination(2));
  let db: ReadDb | undefined;
  let store: EventStore | undefined;
  try {
    db = await openReadDb({ ...config.readDb, logger });
    await migrate(db, { logger });
    if (command === 'migrate') return 0;
    store = createEventStore({ ...storeConfig, logger });
    const projections = allProjections();
    if (command === 'rebuild') {
      if (name) projectionNamed(name, projections);
      const bars = progressBars();
      try {
        const result = await rebuild({
          eventStore: store,
          db,
          projections,
          only: name,
          onProgress: bars.onProgress,
          logger,
        });
        bars.stop();
        process.stdout.write(
          `Rebuilt ${name ?? 'all projections'} into schema "${result.schema}" in ${(result.tookMs / 1000).toFixed(1)} s\n`,
        );
      } finally {
        bars.stop();
      }
      return 0;
    }
    if (command === 'verify') {
      if (name) throw new RangeError('verify takes no argument');
      const bars = progressBars();
      const result = await verify({
        eventStore: store,
        db,
        projections,
        onProgress: bars.onProgress,
        logger,
      });
      bars.stop();
      if (result.ok) {
        process.stdout.write(
          `Read models match a replay of the log (${(result.tookMs / 1000).toFixed(1)} s)\n`,
        );
        return 0;
      }
      for (const d of result.differences) {
        process.stdout.write(
          d.missingIn
            ? `${d.table}: missing in the ${d.missingIn} schema\n`
            : `${d.table}: ${d.onlyInLive} row(s) only in live, ${d.onlyInRebuilt} only in the replay\n`,
        );
        for (const row of d.samplesOnlyInLive) process.stdout.write(`  - live:   ${JSON.stringify(row)}\n`);
        for (const row of d.samplesOnlyInRebuilt)
          process.stdout.write(`  + replay: ${JSON.stringify(row)}\n`);
      }
      return 1;
    }
    process.stderr.write(`Unknown command "${command}"\n${USAGE}\n`);
    return 2;
  } catch (error) {
    process.stderr.write(
      `projections ${command}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    await store?.close();
    await db?.close();
  }
}

if (
  import.meta.url === `file://${process.argv[1]}` ||
  process.argv[1]?.endsWith('/projections/dist/cli.js')
) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
