import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { collect, describeEventStoreContract, makeEvent } from '../event-store.contract.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors.js';
import { SqliteEventStore } from './sqlite-event-store.adapter.js';
import { SQLITE_EVENT_STORE_SCHEMA_VERSION } from './sqlite-event-store.schema.js';

const dir = mkdtempSync(join(tmpdir(), 'guildscope-es-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract(
  'SqliteEventStore',
  async () => new SqliteEventStore({ path: join(dir, 'contract.db') }),
  {
    exactDuplicateCount: true,
  },
);

describe('SqliteEventStore', () => {
  let store: SqliteEventStore;
  const path = join(dir, 'nested', 'deeper', 'events.db');
  beforeAll(() => {
    store = new SqliteEventStore({ path });
  });
  afterAll(async () => {
    await store.close();
  });

  describe('when opened', () => {
    it('creates the directory, a WAL database and a versioned schema', () => {
      expect(existsSync(path)).toBe(true);
      const raw = new Database(path, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_EVENT_STORE_SCHEMA_VERSION);
      } finally {
        raw.close();
      }
    });

    it('refuses a database whose schema is newer than the code', () => {
      const newer = join(dir, 'newer.db');
      const raw = new Database(newer);
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => new SqliteEventStore({ path: newer })).toThrow(/schema version 99 is newer/);
    });

    it('rejects an invalid synchronous setting', () => {
      expect(() => new SqliteEventStore({ path: join(dir, 'x.db'), synchronous: 'off' as never })).toThrow(
        /Invalid synchronous "off"/,
      );
    });
  });

  describe('appendMany', () => {
    it('writes nothing when one stream has the wrong expected revision (one transaction)', async () => {
      await store.append('atomic-b', [makeEvent('Existing')]);
      const head = await store.headPosition();
      const error = await store
        .appendMany([
          { streamId: 'atomic-a', expectedRevision: 'no_stream', events: [makeEvent('A')] },
          { streamId: 'atomic-c', expectedRevision: 'any', events: [makeEvent('C')] },
          { streamId: 'atomic-b', expectedRevision: 'no_stream', events: [makeEvent('B')] },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamId: 'atomic-b', expected: 'no_stream', actual: 0 });
      expect(await store.streamRevision('atomic-a')).toBeNull();
      expect(await store.streamRevision('atomic-c')).toBeNull();
      expect(await store.headPosition()).toEqual(head);
    });

    it('sees its own earlier appends to the same stream within the call', async () => {
      const results = await store.appendMany([
        { streamId: 'same-twice', expectedRevision: 'no_stream', events: [makeEvent('A')] },
        { streamId: 'same-twice', expectedRevision: 0, events: [makeEvent('B')] },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1]);
    });
  });

  describe('duplicates (enforced by the schema)', () => {
    it("skips and counts the ids already in the stream with 'any', writing the others", async () => {
      const a = makeEvent('A');
      const b = makeEvent('B');
      await store.append('dup-partial', [a, b]);
      const c = makeEvent('C');
      const result = await store.append('dup-partial', [b, c, a]);
      expect(result).toMatchObject({ appended: 1, duplicates: 2, nextExpectedRevision: 2 });
      expect((await collect(store.readStream('dup-partial'))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('counts an id repeated inside one batch once', async () => {
      const a = makeEvent('A');
      const result = await store.append('dup-inside', [a, a, makeEvent('B')]);
      expect(result).toMatchObject({ appended: 2, duplicates: 1, nextExpectedRevision: 1 });
    });

    it("returns the stream's current revision and position for an all-duplicate retry after the stream moved on", async () => {
      const a = makeEvent('A');
      await store.append('dup-late', [a], { expectedRevision: 'no_stream' });
      const last = await store.append('dup-late', [makeEvent('B')], { expectedRevision: 0 });
      const retry = await store.append('dup-late', [a], { expectedRevision: 'no_stream' });
      expect(retry).toEqual({ ...last, appended: 0, duplicates: 1 });
    });

    it('allows the same event id in two different streams', async () => {
      const a = makeEvent('A');
      await store.append('dup-x', [a]);
      await expect(store.append('dup-y', [a])).resolves.toMatchObject({ appended: 1, duplicates: 0 });
    });

    it('deduplicates time-ordered (UUIDv7) ids as well, per stream', async () => {
      const v7 = { ...makeEvent('A'), id: '01890a5d-ac96-774b-bcce-b302099a8057' };
      await store.append('dup-v7-a', [v7, { ...makeEvent('B'), id: v7.id.toUpperCase() }]);
      await expect(store.append('dup-v7-a', [v7])).resolves.toMatchObject({ appended: 0, duplicates: 1 });
      await expect(store.append('dup-v7-b', [v7])).resolves.toMatchObject({ appended: 1, duplicates: 0 });
      expect(await store.streamRevision('dup-v7-a')).toBe(0);
    });

    it('still checks the expected revision when only some ids are duplicates', async () => {
      const a = makeEvent('A');
      await store.append('dup-mixed', [a, makeEvent('B')]);
      const error = await store
        .append('dup-mixed', [a, makeEvent('C')], { expectedRevision: 0 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'WrongExpectedVersionError', expected: 0, actual: 1 });
    });
  });

  describe('with another connection writing to the same file', () => {
    it("sees the other writer's appends in its expected-revision checks and deduplication", async () => {
      const other = new SqliteEventStore({ path });
      try {
        await store.append('shared', [makeEvent('A')], { expectedRevision: 'no_stream' });
        const fromOther = makeEvent('B');
        await other.append('shared', [fromOther], { expectedRevision: 0 });
        const stale = await store
          .append('shared', [makeEvent('C')], { expectedRevision: 0 })
          .catch((e: unknown) => e);
        expect(stale).toMatchObject({ name: 'WrongExpectedVersionError', expected: 0, actual: 1 });
        await expect(store.append('shared', [fromOther])).resolves.toMatchObject({
          appended: 0,
          duplicates: 1,
          nextExpectedRevision: 1,
        });
        await expect(
          store.append('shared', [makeEvent('C')], { expectedRevision: 1 }),
        ).resolves.toMatchObject({ nextExpectedRevision: 2 });
      } finally {
        await other.close();
      }
    });
  });

  describe('a filtered subscription', () => {
    it('delivers exactly the matching events appended between many non-matching ones, across wake-ups', async () => {
      const sub = store.subscribeToAll({ filter: { streamPrefixes: ['sparse-match-'] } });
      const seen: string[] = [];
      let wanted = 0;
      let arrived: () => void = () => {};
      const loop = (async () => {
        for await (const event of sub) {
          seen.push(event.type);
          if (seen.length === wanted) arrived();
        }
      })();
      for (let round = 0; round < 5; round++) {
        await store.append(
          `sparse-noise-${round}`,
          Array.from({ length: 30 }, () => makeEvent('Noise')),
        );
        const delivered = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        wanted = round + 1;
        await store.append('sparse-match-1', [makeEvent(`Match${round}`)]);
        await delivered;
      }
      await sub.stop();
      await loop;
      expect(seen).toEqual(['Match0', 'Match1', 'Match2', 'Match3', 'Match4']);
    });
  });

  describe('when opening a version 1 database', () => {
    it('upgrades it in place, keeping events, positions, revisions and id deduplication', async () => {
      const v1 = join(dir, 'v1.db');
      const raw = new Database(v1);
      raw.exec(`CREATE TABLE events (
        position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
        event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
        CONSTRAINT events_stream_event_id UNIQUE (stream_id, event_id)
      ) STRICT;`);
      const old = makeEvent('Old');
      raw
        .prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(7, 'legacy', 0, old.id, 'Old', '{"n":1}', '{}', 1_700_000_000_000);
      raw.pragma('user_version = 1');
      raw.close();

      const upgraded = new SqliteEventStore({ path: v1 });
      try {
        const [event] = await collect(upgraded.readAll());
        expect(event).toMatchObject({ streamId: 'legacy', revision: 0, id: old.id, data: { n: 1 } });
        expect(event?.position.commit).toBe(7n);
        await expect(upgraded.append('legacy', [old])).resolves.toMatchObject({ appended: 0, duplicates: 1 });
        const next = await upgraded.append('legacy', [makeEvent('New')], { expectedRevision: 0 });
        expect(next).toMatchObject({ nextExpectedRevision: 1, position: { commit: 8n } });
      } finally {
        await upgraded.close();
      }
      const check = new Database(v1, { readonly: true });
      try {
        expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_EVENT_STORE_SCHEMA_VERSION);
      } finally {
        check.close();
      }
    });
  });

  describe('writer thread', () => {
    it('reports appends and wrong-version errors the same way on the writer thread and inline', async () => {
      const path = join(dir, 'threaded.db');
      const threaded = new SqliteEventStore({ path });
      const inline = new SqliteEventStore({ path: join(dir, 'inline.db'), writerThread: false });
      try {
        for (const store of [threaded, inline]) {
          const first = await store.append('s', [makeEvent('A'), makeEvent('B')], {
            expectedRevision: 'no_stream',
          });
          expect(first).toMatchObject({ streamId: 's', nextExpectedRevision: 1, appended: 2, duplicates: 0 });
          const error = await store
            .append('s', [makeEvent('C')], { expectedRevision: 0 })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({ streamId: 's', expected: 0, actual: 1 });
        }
      } finally {
        await threaded.close();
        await inline.close();
      }
    });

    it('fails an append with EventStoreUnavailableError naming the cause when the thread cannot open the file, instead of hanging', async () => {
      const path = join(dir, 'vanished.db');
      const store = new SqliteEventStore({ path, checkpointIntervalMs: 0 });
      try {
        // The store's own connection keeps the unlinked file open; the writer thread, started at the first
        // append, finds no file to open.
        rmSync(path);
        const error = await store.append('s', [makeEvent('A')]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
        expect((error as Error).message).toMatch(/writer thread stopped: .*unable to open database file/);
        // A later append gets a new thread (which fails the same way here), not a hang.
        await expect(store.append('s', [makeEvent('B')])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      } finally {
        await store.close();
      }
    });
  });

  describe('when closed', () => {
    it('ends running subscriptions and refuses further calls with EventStoreUnavailableError', async () => {
      const other = new SqliteEventStore({ path: join(dir, 'closing.db') });
      const sub = other.subscribeToAll();
      const loop = (async () => {
        for await (const _ of sub) {
          // nothing to deliver
        }
      })();
      await other.close();
      await loop;
      await expect(other.append('s', [makeEvent('A')])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(await other.ping()).toBe(false);
    });
  });

  describe('WAL checkpoints', () => {
    it('copies committed appends into the database file from a background thread', async () => {
      const path = join(dir, 'checkpointed.db');
      const writer = new SqliteEventStore({ path, checkpointIntervalMs: 20 });
      try {
        expect(writer.checkpointStats()).toBeUndefined(); // no thread before the first append
        await writer.append(
          'checkpointed',
          Array.from({ length: 200 }, () => makeEvent('A', { pad: 'x'.repeat(500) })),
        );
        const checkpointsBefore = writer.checkpointStats()?.checkpoints ?? 0;
        // SQLite's automatic checkpoint would wait for ~40 MiB of WAL: these 200 events reach the
        // database file only through the thread.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const stats = writer.checkpointStats();
          // A checkpoint that started after the append had committed (the one under way then may have
          // started before) and copied every frame.
          if (
            stats &&
            stats.checkpoints >= checkpointsBefore + 2 &&
            stats.lastCheckpointedFrames === stats.lastWalFrames
          )
            break;
          if (Date.now() > deadline) throw new Error(`no complete checkpoint: ${JSON.stringify(stats)}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const copy = join(dir, 'checkpointed-file-only.db');
        copyFileSync(path, copy); // the database file alone, without its WAL
        const raw = new Database(copy);
        try {
          expect(raw.prepare('SELECT count(*) FROM events').pluck().get()).toBe(200);
        } finally {
          raw.close();
        }
      } finally {
        await writer.close();
      }
    });

    it('waits for another connection holding the write lock without blocking the event loop', async () => {
      const path = join(dir, 'locked.db');
      const writer = new SqliteEventStore({ path });
      const other = new Database(path);
      try {
        other.exec('BEGIN IMMEDIATE');
        const appended = writer.append('locked', [makeEvent('A')]);
        let settled = false;
        void appended.finally(() => {
          settled = true;
        });
        // Timers still run while the append waits (a blocking busy handler would freeze them).
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(settled).toBe(false);
        other.exec('COMMIT');
        expect(await appended).toMatchObject({ appended: 1, nextExpectedRevision: 0 });
      } finally {
        other.close();
        await writer.close();
      }
    });

    it('gives up on a write lock held past busyTimeoutMs with EventStoreUnavailableError', async () => {
      const path = join(dir, 'locked-long.db');
      const writer = new SqliteEventStore({ path, busyTimeoutMs: 50 });
      const other = new Database(path);
      try {
        other.exec('BEGIN IMMEDIATE');
        await expect(writer.append('locked', [makeEvent('A')])).rejects.toBeInstanceOf(
          EventStoreUnavailableError,
        );
        other.exec('COMMIT');
        expect(await writer.streamRevision('locked')).toBeNull();
      } finally {
        other.close();
        await writer.close();
      }
    });

    it('rejects an invalid checkpoint interval', () => {
      expect(() => new SqliteEventStore({ path: join(dir, 'y.db'), checkpointIntervalMs: -1 })).toThrow(
        /checkpointIntervalMs must be an integer >= 0, got -1/,
      );
    });
  });
});
