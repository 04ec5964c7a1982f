import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { collect } from '../event-store.contract.js';
import { formatPosition, parsePosition, type RecordedEvent } from '../event-store.port.js';
import { childScript, spawnTsChild } from '../testing/spawn-child.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'guildscope-es-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tag = { batch: number; index: number; size: number };

describe('SqliteEventStore when the writer process is killed (SIGKILL) mid-loop', () => {
  it('keeps whole batches only, keeps every acknowledged batch, and a restarted subscriber resumes exactly', async () => {
    const path = join(dir, 'crash.db');
    const checkpointFile = join(dir, 'checkpoint.json');
    // The loop must outlast the parent's reaction to "committed 20" even on a loaded machine (it is
    // killed long before its end), and the subscriber's restart point must lie inside what is surely
    // committed by then (21 batches = 1,050 events), or the test waits for events that never come.
    const batches = 1000;
    const size = 50; // 50k events in all, never reached
    const killAfter = 20;

    // A subscriber in this process follows the writer (cross-process polling) and stores its checkpoint
    // together with what it processed, as a projection would in one transaction.
    const subscriberStore = new SqliteEventStore({ path, pollIntervalMs: 10 });
    const processed: string[] = [];
    const sub = subscriberStore.subscribeToAll();
    const stopAt = 1_034; // not a batch boundary, below (killAfter + 1) * size
    const subscriber = (async () => {
      for await (const event of sub) {
        processed.push(event.id);
        writeFileSync(
          checkpointFile,
          JSON.stringify({ position: formatPosition(event.position), processed }),
        );
        if (processed.length === stopAt) break; // the subscriber "restarts" here
      }
    })();

    const writer = spawnTsChild(childScript('append-batches.child.ts'), [
      path,
      'crash',
      `${batches}`,
      `${size}`,
      '10', // ms between batches, so the loop outlasts this process's reaction time
    ]);
    let lastAcknowledged = -1;
    for await (const line of writer.lines) {
      const match = /^committed (\d+)$/.exec(line);
      if (!match) continue;
      lastAcknowledged = Number(match[1]);
      if (lastAcknowledged >= killAfter) {
        writer.child.kill('SIGKILL');
        break;
      }
    }
    expect(await writer.exit).toEqual({ code: null, signal: 'SIGKILL' });
    await subscriber;
    await subscriberStore.close();

    // Restart: a new store on the same file.
    const restarted = new SqliteEventStore({ path });
    try {
      const log = await collect(restarted.readAll());
      const tags = log.map((e) => e.data as Tag);
      const committedBatches = new Set(tags.map((t) => t.batch));
      // Whole batches only, in order, nothing acknowledged lost.
      expect(log.length % size).toBe(0);
      expect(log.length).toBeLessThan(batches * size); // it really died mid-loop
      expect(committedBatches.size).toBeGreaterThanOrEqual(lastAcknowledged + 1);
      expect(tags).toEqual(
        Array.from({ length: log.length }, (_, i) => ({
          batch: Math.floor(i / size),
          index: i % size,
          size,
          padding: expect.any(String),
        })),
      );

      // The subscriber resumes from its stored checkpoint: no gap, no duplicate.
      const stored = JSON.parse(readFileSync(checkpointFile, 'utf8')) as {
        position: string;
        processed: string[];
      };
      expect(stored.processed).toHaveLength(stopAt);
      const resumed = restarted.subscribeToAll({ after: parsePosition(stored.position) });
      const rest: RecordedEvent[] = [];
      for await (const event of resumed) {
        rest.push(event);
        if (stopAt + rest.length === log.length) break;
      }
      expect([...processed, ...rest.map((e) => e.id)]).toEqual(log.map((e) => e.id));
    } finally {
      await restarted.close();
    }
  });
});
