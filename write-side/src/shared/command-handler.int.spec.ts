import { randomUUID } from 'node:crypto';
import { ConflictError } from '@guildscope/contracts';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store.adapter.js';
import { aggregateStream, commandHandler } from './command-handler.js';

/** A counter: `Added { by }` events, the state is their sum. */
type Added = { readonly type: 'Added'; readonly data: { readonly by: number } };
const counter = { evolve: (total: number, e: Added) => total + e.data.by, initialState: () => 0 };
const add = (by: number): Added => ({ type: 'Added', data: { by } });
const handle = commandHandler(counter);
const stream = 'counter-1';
const options = { ids: randomUUID, metadata: { command: 'Add' } };

let store: SqliteEventStore;
beforeEach(() => {
  store = new SqliteEventStore({ path: ':memory:' });
});
afterEach(() => store.close());

const amounts = async () => {
  const out: number[] = [];
  for await (const e of store.readStream(stream)) out.push((e.data as { by: number }).by);
  return out;
};

describe('commandHandler', () => {
  describe('given a stream with events', () => {
    beforeEach(() => handle(store, stream, () => [add(2), add(3)], options));

    it('decides on the folded state and appends with the expected revision', async () => {
      const handled = await handle(store, stream, (total) => [add(total * 10)], {
        ...options,
        expectedVersion: 2,
      });
      expect(handled).toMatchObject({ newState: 55, newEvents: [add(50)], version: 3 });
      expect(handled.position).not.toBeNull();
      expect(await amounts()).toEqual([2, 3, 50]);
      for await (const recorded of store.readStream(stream))
        expect(recorded.metadata).toEqual({ command: 'Add' });
    });

    it('appends nothing when the decision is empty', async () => {
      expect(await handle(store, stream, () => [], options)).toEqual({
        newState: 5,
        newEvents: [],
        version: 2,
        position: null,
      });
      expect(await amounts()).toEqual([2, 3]);
    });

    it('refuses a stale expectedVersion with the current version, appending nothing', async () => {
      const refused = handle(store, stream, () => [add(1)], { ...options, expectedVersion: 1 });
      await expect(refused).rejects.toThrow(ConflictError);
      await expect(refused).rejects.toMatchObject({
        streamId: stream,
        expectedVersion: 1,
        currentVersion: 2,
      });
      expect(await amounts()).toEqual([2, 3]);
    });

    it('lets a decision that throws append nothing', async () => {
      const refused = handle(
        store,
        stream,
        () => {
          throw new RangeError('no');
        },
        options,
      );
      await expect(refused).rejects.toThrow('no');
      expect(await amounts()).toEqual([2, 3]);
    });
  });

  describe('when two writers decide at once', () => {
    it('decides the loser again on the latest state when no expectedVersion was given (no lost update)', async () => {
      // Each decision depends on the state: decided on a stale state, the second would add 1 again.
      const next = (total: number) => [add(total + 1)];
      const [a, b] = await Promise.all([
        handle(store, stream, next, options),
        handle(store, stream, next, options),
      ]);
      expect([a.version, b.version].sort()).toEqual([1, 2]);
      expect(await amounts()).toEqual([1, 2]);
    });

    it('refuses the loser when both gave the same expectedVersion', async () => {
      const results = await Promise.allSettled([
        handle(store, stream, () => [add(1)], { ...options, expectedVersion: 0 }),
        handle(store, stream, () => [add(2)], { ...options, expectedVersion: 0 }),
      ]);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toMatchObject({ streamId: stream, expectedVersion: 0, currentVersion: 1 });
      expect(await amounts()).toHaveLength(1);
    });
  });
});

describe('aggregateStream', () => {
  it('folds the stream, up to a global position when asked', async () => {
    await handle(store, stream, () => [add(1)], options);
    const { position } = await handle(store, stream, () => [add(2)], options);
    await handle(store, stream, () => [add(4)], options);
    expect(await aggregateStream(store, stream, counter)).toEqual({ state: 7, version: 3 });
    expect(await aggregateStream(store, stream, counter, { upTo: position! })).toEqual({
      state: 3,
      version: 2,
    });
    expect(await aggregateStream(store, 'counter-none', counter)).toEqual({ state: 0, version: 0 });
  });
});
