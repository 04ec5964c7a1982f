import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runActivityBench } from './activity.bench-scenario.js';
import { runModerationBench } from './moderation.bench-scenario.js';
import { REPLAY_OPTIMISATION_HISTORY } from './replay-optimisation.history.js';

/**
 * `npm run bench:projections`: one scenario per read-model family (each exported as a function that
 * returns its figures and markdown section), run in this process, then docs/bench/projections.md.
 */
async function main(): Promise<void> {
  const sections: string[] = [];
  const moderation = await runModerationBench({
    events: Number(process.env.BENCH_MODERATION_EVENTS ?? 50_000),
    guilds: 1000,
  });
  console.log(
    `moderation/invites: ${Math.round(moderation.eventsPerSecond)} events/s (baseline ${Math.round(moderation.baselineEventsPerSecond)} events/s)`,
  );
  sections.push(moderation.markdown);
  const activity = await runActivityBench();
  console.log(
    `activity: ${Math.round(activity.snapshotsPerSecond)} snapshots/s (baseline ${Math.round(activity.baselineSnapshotsPerSecond)} snapshots/s)`,
  );
  sections.push(activity.markdown);

  const markdown = [
    '## Projections',
    '',
    'Command: `npm run bench:projections` (replays from a SQLite event store into a fresh in-process PGlite with TimescaleDB; the baseline is the seed design on the same engine, in the same run).',
    `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0]?.toFixed(2)} at the end.`,
    '',
    ...sections.flatMap((s) => [s, '']),
    ...REPLAY_OPTIMISATION_HISTORY,
  ].join('\n');
  const dir = new URL('../../../docs/bench/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('projections.md', dir), markdown);
  console.log('wrote docs/bench/projections.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
