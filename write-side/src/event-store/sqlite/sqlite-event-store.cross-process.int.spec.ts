import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { consume } from '../event-store.contract.js';
import { childScript, spawnTsChild } from '../testing/spawn-child.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'guildscope-es-xp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteEventStore across processes', () => {
  it('a subscription in this process receives, by polling, events appended by another process', async () => {
    const path = join(dir, 'shared.db');
    const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    try {
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['xp-'] } });
      const c = consume(sub);
      const writer = spawnTsChild(childScript('append-batches.child.ts'), [path, 'xp', '5', '3', '10']);
      const events = await c.waitFor(15);
      expect(await writer.exit).toEqual({ code: 0, signal: null });
      expect(events.map((e) => e.data as { batch: number; index: number })).toEqual(
        Array.from({ length: 15 }, (_, i) =>
          expect.objectContaining({ batch: Math.floor(i / 3), index: i % 3 }),
        ),
      );
      await sub.stop();
      await c.done;
    } finally {
      await store.close();
    }
  });
});
