import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import { loadMigrations, MIGRATIONS_DIRECTORY, MigrationChecksumError, migrate } from './migrate.js';

const SHIPPED = readdirSync(fileURLToPath(MIGRATIONS_DIRECTORY)).filter((f) => f.endsWith('.sql'));

describe('read-model migrations', () => {
  let db: ReadDb;
  let dir: string;
  beforeEach(async () => {
    db = await PgliteReadDb.open({ dataDir: 'memory', schema: 'migrations_test' });
    dir = mkdtempSync(join(tmpdir(), 'guildscope-migrations-'));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const directory = () => pathToFileURL(`${dir}/`);
  const write = (file: string, sql: string) => writeFileSync(join(dir, file), sql);
  const recorded = async () =>
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
      (r) => r.version,
    );
  const tables = async () =>
    (
      await db.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'migrations_test' ORDER BY 1",
      )
    ).rows.map((r) => r.name);

  it('applies every shipped migration once, in order, each recorded with its checksum', async () => {
    const first = await migrate(db);
    expect(first.applied).toEqual(SHIPPED.map((f) => f.replace(/\.sql$/, '')));
    const files = await loadMigrations();
    const { rows } = await db.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(files.map((f) => ({ version: f.version, checksum: f.checksum })));
    expect(await migrate(db)).toEqual({ applied: [] });
  });

  it('refuses a migration edited after it was applied, naming it, and applies nothing after it', async () => {
    write('001_first.sql', 'CREATE TABLE first_table (id int);');
    await migrate(db, { directory: directory() });
    write('001_first.sql', 'CREATE TABLE first_table (id bigint);');
    write('002_second.sql', 'CREATE TABLE second_table (id int);');
    const attempt = migrate(db, { directory: directory() });
    await expect(attempt).rejects.toBeInstanceOf(MigrationChecksumError);
    await expect(attempt).rejects.toThrow(
      'Migration 001_first was changed after it was applied to schema "migrations_test"',
    );
    expect(await recorded()).toEqual([1]);
    expect(await tables()).not.toContain('second_table');
  });

  it('rolls a failing migration back whole and stops there', async () => {
    write('001_ok.sql', 'CREATE TABLE ok_table (id int);');
    write('002_broken.sql', 'CREATE TABLE half_table (id int);\nINSERT INTO half_table VALUES (1 / 0);');
    write('003_later.sql', 'CREATE TABLE later_table (id int);');
    await expect(migrate(db, { directory: directory() })).rejects.toMatchObject({ code: '22012' });
    expect(await recorded()).toEqual([1]);
    expect(await tables()).toEqual(['ok_table', 'schema_migrations']);
  });

  it('runs a no-transaction migration statement by statement (what a transaction block refuses)', async () => {
    write('001_table.sql', 'CREATE TABLE t (id int);');
    // VACUUM cannot run inside a transaction block: it only passes when each statement runs on its own.
    write(
      '002_vacuum.sql',
      '-- no-transaction\nINSERT INTO t VALUES (1);\nVACUUM t;\nINSERT INTO t VALUES (2);',
    );
    expect((await migrate(db, { directory: directory() })).applied).toEqual(['001_table', '002_vacuum']);
    expect((await db.query('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it.each([
    ['a badly named file', ['1_short.sql'], 'must be named NNN_name.sql'],
    ['two files with one number', ['001_a.sql', '001_b.sql'], 'share the number 001'],
  ])('refuses %s before applying anything', async (_name, files, message) => {
    for (const file of files) write(file, 'CREATE TABLE never (id int);');
    await expect(migrate(db, { directory: directory() })).rejects.toThrow(message);
    expect(await tables()).not.toContain('never');
  });

  // 330 and 420 re-key tables that hold every join and leave: a database created before them must keep
  // its rows, get the new keys, and take a replayed row as already stored.
  it('upgrades populated member and invite history through the re-keying migrations', async () => {
    for (const file of SHIPPED) {
      if (!file.startsWith('330_') && !file.startsWith('420_'))
        copyFileSync(join(fileURLToPath(MIGRATIONS_DIRECTORY), file), join(dir, file));
    }
    await migrate(db, { directory: directory() });
    const joinAt = '2026-01-01T10:00:00.000Z';
    const leaveAt = '2026-01-01T12:00:00.000Z';
    await db.exec(`
      INSERT INTO member_presence_events (event_id, guild_id, user_id, kind, occurred_at, roles, stream_id, revision, position)
      VALUES ('e-join', 'g1', 'u1', 'join', '${joinAt}', NULL, 'guild-g1', 0, '1'),
             ('e-leave', 'g1', 'u1', 'leave', '${leaveAt}', '{r1}', 'guild-g1', 1, '2');
      INSERT INTO invite_joins (event_id, guild_id, user_id, username, is_bot, joined_at, account_created_at,
        join_class, invite_code, inviter_id, inviter_username, left_at, stream_id, revision, position)
      VALUES ('e-join', 'g1', 'u1', 'alice', false, '${joinAt}', '2020-01-01T00:00:00Z', 'invite', 'abc', 'u9',
        'bob', '${leaveAt}', 'guild-g1', 0, '1');
      INSERT INTO invite_leaves (event_id, guild_id, user_id, left_at) VALUES ('e-leave', 'g1', 'u1', '${leaveAt}');`);
    const snapshot = async () => ({
      presence: (await db.query('SELECT * FROM member_presence_events ORDER BY occurred_at')).rows,
      joins: (await db.query('SELECT * FROM invite_joins')).rows,
      leaves: (await db.query('SELECT * FROM invite_leaves')).rows,
    });
    const before = await snapshot();

    expect((await migrate(db)).applied).toEqual([
      '330_member_presence_events_member_order_key',
      '420_invite_history_member_order_keys',
    ]);
    expect(await snapshot()).toEqual(before);
    const { rows: keys } = await db.query<{ table: string; key: string }>(
      `SELECT c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS key FROM pg_constraint c
       WHERE c.contype = 'p' AND c.conrelid::regclass::text IN
         ('member_presence_events', 'invite_joins', 'invite_leaves') ORDER BY 1`,
    );
    expect(keys).toEqual([
      { table: 'invite_joins', key: 'PRIMARY KEY (guild_id, user_id, joined_at, event_id)' },
      { table: 'invite_leaves', key: 'PRIMARY KEY (guild_id, user_id, left_at, event_id)' },
      { table: 'member_presence_events', key: 'PRIMARY KEY (guild_id, user_id, occurred_at, event_id)' },
    ]);
    // The projections' replay guard is the new key: the stored join, sent again, is skipped.
    await db.exec(`INSERT INTO member_presence_events (event_id, guild_id, user_id, kind, occurred_at, stream_id, revision, position)
      VALUES ('e-join', 'g1', 'u1', 'join', '${joinAt}', 'guild-g1', 0, '1')
      ON CONFLICT (guild_id, user_id, occurred_at, event_id) DO NOTHING`);
    expect(await snapshot()).toEqual(before);
  });
});
