import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleBotEvents, exampleIds } from '@guildscope/contracts';
import { allProjections, migrate, PgliteReadDb, ProjectionRunner } from '@guildscope/projections';
import { createWriteSide, RecordBotEvents, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { REPO_ROOT, runCommand, runReplayCli } from './replay-cli.testing.js';

const HOLDER = 'stack/src/replay/read-db-holder.testing.ts';

// PGlite start-up (about a second each, more on a loaded machine) in this process and in each CLI run.
jest.setTimeout(90_000);

describe('replay --verify (SQLite event store, PGlite read models, child process)', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-verify-int-'));
    env = { EVENTSTORE_PATH: join(dir, 'events.db'), READ_DB_DIR: join(dir, 'timescale') };
    const store = new SqliteEventStore({ path: env.EVENTSTORE_PATH });
    const writeSide = await createWriteSide({ eventStore: store });
    await writeSide.commandBus.execute(new RecordBotEvents('bot-a', 0, exampleBotEvents));
    await writeSide.close();
    // What the server does: the projection runner catches the read models up with the log.
    const db = await PgliteReadDb.open({ dataDir: env.READ_DB_DIR });
    await migrate(db);
    const status = await new ProjectionRunner({
      eventStore: store,
      db,
      projections: allProjections(),
      mode: 'catch-up',
    }).run();
    expect(status.filter((s) => s.state === 'failed')).toEqual([]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM moderation_log WHERE guild_id = $1`,
      [exampleIds.guild],
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    await db.close();
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports no difference on a healthy system (exit 0)', async () => {
    const run = await runReplayCli(['--verify', '--guild', exampleIds.guild], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^OK: the read models in schema "guildscope" equal a rebuild from the event log/,
    );
  });

  it('refuses to open the embedded read database while another process holds it (exit 3)', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        holder.on('exit', (code) => reject(new Error(`read-db holder exited early (${code})`)));
      });
      const run = await runReplayCli(['--verify'], env);
      expect(run).toMatchObject({ code: 3, stdout: '' });
      expect(run.stderr).toContain(`is in use by process ${holder.pid}`);
      expect(run.stderr).toContain('Stop the server or point DATABASE_URL at the server');
    } finally {
      const exited = new Promise((r) => holder.on('exit', r));
      holder.stdin.end();
      await exited;
    }
  });

  it('reports a tampered moderation row with its table, counts and both versions (exit 1)', async () => {
    const tamper = await runCommand(
      process.execPath,
      [
        '--import',
        'tsx',
        HOLDER,
        `UPDATE moderation_log SET reason = 'nothing to see here' WHERE action = 'ban' AND guild_id = '${exampleIds.guild}'`,
        '--exit',
      ],
      env,
    );
    expect(tamper.stdout).toContain('affected 1');

    const run = await runReplayCli(['--verify'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DIFFERENCES: 1 read-model table(s)');
    expect(run.stdout).toContain(
      'moderation_log: 1 row(s) only in the live read model, 1 row(s) only in the rebuild',
    );
    expect(run.stdout).toMatch(/- live: +\{.*"reason":"nothing to see here"/);
    expect(run.stdout).toMatch(/\+ rebuild: +\{.*"reason":"Scam links in #general"/);
  });

  it('refuses a read database directory that does not exist (exit 3) without creating it', async () => {
    const missing = join(dir, 'no-read-db');
    const run = await runReplayCli(['--verify'], { ...env, READ_DB_DIR: missing });
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toContain(`No read database in ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});
