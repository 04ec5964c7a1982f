/**
 * Test helper run in a child process (`node --import tsx append-batches.child.ts <db> <stream> <batches> <size>`):
 * appends numbered batches through SqliteEventStore, each event tagged `{ batch, index, size }`, and prints
 * `committed <batch>` after each commit so the parent can act (or SIGKILL it) mid-loop.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.adapter.js';

const [path, streamPrefix, batchesText, sizeText, pauseText] = process.argv.slice(2);
if (!path || !streamPrefix || !batchesText || !sizeText) {
  process.stderr.write('usage: append-batches.child.ts <db> <stream-prefix> <batches> <size> [pause-ms]\n');
  process.exit(2);
}
const batches = Number(batchesText);
const size = Number(sizeText);
const pauseMs = Number(pauseText ?? 0);
const store = new SqliteEventStore({ path });
process.stdout.write('ready\n');
for (let batch = 0; batch < batches; batch++) {
  const events = Array.from({ length: size }, (_, index) => ({
    id: randomUUID(),
    type: 'CrashTestTick',
    data: { batch, index, size, padding: 'p'.repeat(200) },
  }));
  await store.append(`${streamPrefix}-${batch % 7}`, events);
  process.stdout.write(`committed ${batch}\n`);
  if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
}
await store.close();
process.stdout.write('done\n');
