// Child process for the crash test: runs the runner over a PGlite data directory until caught up,
// printing one line per committed batch so the parent can kill it mid-way.
import { SqliteEventStore } from '@guildscope/write-side';
import { invitesProjection } from '../invites/invites.projection.js';
import { membersProjection } from '../members/members.projection.js';
import { migrate } from '../migrations/migrate.js';
import { moderationLogProjection } from '../moderation/moderation-log.projection.js';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { readModelRelations } from '../rebuild/schema-diff.js';
import { ProjectionRunner } from '../runner/projection-runner.js';

const [dataDir, eventsPath] = process.argv.slice(2) as [string, string];
const db = await PgliteReadDb.open({ dataDir });
await migrate(db);
const store = new SqliteEventStore({ path: eventsPath });
const runner = new ProjectionRunner({
  eventStore: store,
  db,
  projections: [moderationLogProjection(), membersProjection(), invitesProjection()],
  mode: 'catch-up',
  batchSize: 7,
  onProgress: (p) => process.stdout.write(`${p.projection} ${p.position}\n`),
});
const status = await runner.run();
await store.close();
// Every read-model table as sorted JSON rows, so the parent can compare runs without opening PGlite
// itself (a second TimescaleDB-enabled PGlite in one process crashed the WASM runtime here).
const dump: Record<string, string[]> = {};
for (const table of await readModelRelations(db, db.schema)) {
  const { rows } = await db.query(`SELECT * FROM "${table}"`);
  dump[table] = rows.map((r) => JSON.stringify(r)).sort();
}
await db.close();
process.stdout.write(`dump ${JSON.stringify(dump)}\n`);
process.stdout.write(`done ${JSON.stringify(status.map((s) => s.state))}\n`);
