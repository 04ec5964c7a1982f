import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleBan, guildStream } from '@guildscope/contracts';
import { SqliteEventStore } from '@guildscope/write-side';
import { pino } from 'pino';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { type RunningProjectionsWorker, startProjectionsWorker } from './projections-worker.js';

describe('projections worker process role', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-proj-worker-'));
  let store: SqliteEventStore;
  let readDb: PgliteReadDb;
  let worker: RunningProjectionsWorker;

  beforeAll(async () => {
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    readDb = await PgliteReadDb.open({ dataDir: 'memory' });
    worker = await startProjectionsWorker({
      eventStore: store,
      readDb,
      logger: pino({ level: 'silent' }),
      port: 0,
    });
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await readDb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects appended events and reports every projection caught up on /healthz and /metrics', async () => {
    await store.append(guildStream(exampleBan.guildId), [
      { id: exampleBan.id, type: exampleBan.type, data: exampleBan, metadata: { eventId: exampleBan.id } },
    ]);
    await worker.runner.waitForCatchUp();
    const { rows } = await readDb.query<{ action: string }>('SELECT action FROM moderation_log');
    expect(rows).toEqual([{ action: 'ban' }]);

    const health = await fetch(`${worker.url}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as {
      projections: { name: string; state: string; lag: number | null }[];
    };
    expect(body.projections.map((p) => p.name)).toEqual(
      expect.arrayContaining(['moderation-log', 'activity']),
    );
    expect(body.projections.every((p) => p.state !== 'failed')).toBe(true);

    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/guildscope_projection_lag_events\{projection="moderation-log"\} 0/);
    expect((await fetch(`${worker.url}/nope`)).status).toBe(404);
  });
});
