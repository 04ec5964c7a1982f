// Test fixture run as a child process (`node --import tsx`): opens the embedded read database in
// READ_DB_DIR, runs the SQL given as argument (if any), prints "ready", then holds the database open
// until stdin closes (or exits at once with --exit). One PGlite per process: several WASM instances in
// one jest worker have crashed the runtime.
import { PgliteReadDb } from '@guildscope/projections';

const [sql, mode] = process.argv.slice(2);
const db = await PgliteReadDb.open({ dataDir: process.env.READ_DB_DIR as string });
if (sql) {
  const result = await db.query(sql);
  process.stdout.write(`affected ${result.affectedRows ?? 0}\n`);
}
process.stdout.write('ready\n');
if (mode === '--exit') {
  await db.close();
} else {
  process.stdin.resume();
  process.stdin.on('end', () => void db.close().then(() => process.exit(0)));
}
