import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@guildscope/contracts/config';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createEventStore } from './create-event-store.factory.js';
import { eventStoreConfigFromEnv } from './event-store.config.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.adapter.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'guildscope-es-factory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createEventStore', () => {
  it('opens the embedded SQLite store at EVENTSTORE_PATH when EVENTSTORE_URL is not set', async () => {
    const path = join(dir, 'from-env', 'events.db');
    const store = createEventStore(eventStoreConfigFromEnv({ EVENTSTORE_PATH: path, EVENTSTORE_URL: '  ' }));
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      expect((store as SqliteEventStore).path).toBe(path);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('chooses EventStoreDB when EVENTSTORE_URL is set (connecting lazily)', async () => {
    const store = createEventStore(
      eventStoreConfigFromEnv({ EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' }),
    );
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    await store.close();
  });

  it.each([
    [{ EVENTSTORE_URL: 'http://localhost:2113' }, /EVENTSTORE_URL must be an EventStoreDB connection string/],
    [{ EVENTSTORE_SYNCHRONOUS: 'off' }, /EVENTSTORE_SYNCHRONOUS must be normal, full or extra/],
    [{ EVENTSTORE_POLL_MS: '0' }, /EVENTSTORE_POLL_MS must be a positive integer/],
  ])('rejects %o with a clear error', (env, message) => {
    let error: unknown;
    try {
      createEventStore(eventStoreConfigFromEnv(env));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
