import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreError, InvalidAppendError, WrongExpectedVersionError } from './event-store.errors.js';
import {
  comparePositions,
  type EventStore,
  type EventToAppend,
  type LogPosition,
  type RecordedEvent,
  type Subscription,
} from './event-store.port.js';

/** What the contract may rely on beyond the port, per adapter. */
export interface EventStoreContractCapabilities {
  /** The adapter knows exactly how many events of an append were duplicates (SQLite yes, EventStoreDB no). */
  readonly exactDuplicateCount: boolean;
}

/** Events of a test: unique stream names per run so the suite can share a log (EventStoreDB). */
export function makeEvent(
  type: string,
  data: unknown = {},
  metadata?: Record<string, unknown>,
): EventToAppend {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Consumes a subscription in the background; `waitFor(n)` resolves once n events arrived. */
export function consume(subscription: Subscription): {
  events: RecordedEvent[];
  waitFor(count: number, timeoutMs?: number): Promise<RecordedEvent[]>;
  done: Promise<void>;
} {
  const events: RecordedEvent[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const event of subscription) {
        events.push(event);
        wake?.();
      }
    } catch (error) {
      failure = error;
    } finally {
      wake?.();
    }
  })();
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  return {
    events,
    done,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (failure) throw failure;
        if (finished) throw new Error(`Subscription ended after ${events.length} of ${count} events`);
        if (Date.now() > deadline) throw new Error(`Timed out with ${events.length} of ${count} events`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return events.slice(0, count);
    },
  };
}

async function expectWrongVersion(
  promise: Promise<unknown>,
  fields: { streamId: string; expected: unknown; actual: number | null },
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject(fields);
}

/**
 * The behaviour every EventStore adapter must have. Streams and types are unique per run, and log reads
 * start after the head seen at the start of a test, so the suite also runs against a shared server.
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  capabilities: EventStoreContractCapabilities,
): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    const run = `t${randomUUID().slice(0, 8)}`;
    let n = 0;
    /** A fresh stream name, unique in this run. */
    const stream = (label: string) => `${run}_${label}-${++n}`;
    const head = async (): Promise<LogPosition | undefined> => (await store.headPosition()) ?? undefined;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    describe('append and read one stream', () => {
      it('assigns revisions from 0 in order and increasing global positions', async () => {
        const s = stream('order');
        const first = await store.append(s, [makeEvent('A', { i: 0 }), makeEvent('B', { i: 1 })]);
        const second = await store.append(s, [makeEvent('C', { i: 2 })]);
        expect(first).toMatchObject({ streamId: s, nextExpectedRevision: 1, appended: 2 });
        expect(second).toMatchObject({ streamId: s, nextExpectedRevision: 2, appended: 1 });
        expect(comparePositions(second.position, first.position)).toBeGreaterThan(0);
        const events = await collect(store.readStream(s));
        expect(events.map((e) => [e.revision, e.type, e.data])).toEqual([
          [0, 'A', { i: 0 }],
          [1, 'B', { i: 1 }],
          [2, 'C', { i: 2 }],
        ]);
        expect(comparePositions(events[2]!.position, events[1]!.position)).toBeGreaterThan(0);
        expect(comparePositions(events[1]!.position, events[0]!.position)).toBeGreaterThan(0);
        expect(events[2]!.position).toEqual(second.position);
        expect(events[0]!.createdAt).toBeInstanceOf(Date);
        expect(await store.streamRevision(s)).toBe(2);
      });

      it('reads a missing stream as empty and its revision as null', async () => {
        const s = stream('missing');
        expect(await collect(store.readStream(s))).toEqual([]);
        expect(await store.streamRevision(s)).toBeNull();
      });

      it('reads forwards from a revision, backwards from the end or a revision, with maxCount', async () => {
        const s = stream('dir');
        await store.append(
          s,
          [0, 1, 2, 3, 4].map((i) => makeEvent('E', { i })),
        );
        const revs = async (o: Parameters<EventStore['readStream']>[1]) =>
          (await collect(store.readStream(s, o))).map((e) => e.revision);
        expect(await revs({ fromRevision: 3 })).toEqual([3, 4]);
        expect(await revs({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
        expect(await revs({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revs({ direction: 'backwards', maxCount: 2 })).toEqual([4, 3]);
        expect(await revs({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]);
        expect(await revs({ fromRevision: 9 })).toEqual([]);
      });

      it('returns data and metadata exactly as appended (unicode, nested, large)', async () => {
        const s = stream('roundtrip');
        const data = {
          text: 'Bannis: Zoë, 李小龍, مرحبا, 🚫🔨 (astral), tab\tnewline\nquote" backslash\\ nul\u0000',
          nested: {
            a: [1, -2.5, 0, 1e21, 9007199254740991, true, false, null, { deep: [[['x']]] }],
            empty: {},
          },
          large: 'x'.repeat(300_000),
          list: Array.from({ length: 200 }, (_, i) => ({
            userId: `${100000000000000000n + BigInt(i)}`,
            n: i,
          })),
        };
        const metadata = {
          botId: '123456789012345678',
          shardId: 0,
          occurredAt: '2026-01-01T00:00:00.000Z',
          é: 'ü',
        };
        await store.append(s, [makeEvent('Roundtrip', data, metadata), makeEvent('Scalar', 'just a string')]);
        const [event, scalar] = await collect(store.readStream(s));
        expect(event!.data).toEqual(data);
        expect(event!.metadata).toEqual(metadata);
        expect(scalar!.data).toBe('just a string');
        expect(scalar!.metadata).toEqual({});
      });

      it('keeps the event id (lower-case UUID)', async () => {
        const s = stream('id');
        const e = makeEvent('A');
        await store.append(s, [{ ...e, id: e.id.toUpperCase() }]);
        const [read] = await collect(store.readStream(s));
        expect(read!.id).toBe(e.id.toLowerCase());
      });
    });

    describe('expected revision', () => {
      it("'no_stream' succeeds on a new stream and fails on an existing one with its revision", async () => {
        const s = stream('nostream');
        await expect(
          store.append(s, [makeEvent('A')], { expectedRevision: 'no_stream' }),
        ).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
        await expectWrongVersion(store.append(s, [makeEvent('A')], { expectedRevision: 'no_stream' }), {
          streamId: s,
          expected: 'no_stream',
          actual: 0,
        });
      });

      it("'stream_exists' fails on a missing stream (actual null) and succeeds on an existing one", async () => {
        const s = stream('exists');
        await expectWrongVersion(store.append(s, [makeEvent('A')], { expectedRevision: 'stream_exists' }), {
          streamId: s,
          expected: 'stream_exists',
          actual: null,
        });
        expect(await store.streamRevision(s)).toBeNull();
        await store.append(s, [makeEvent('A')]);
        await expect(
          store.append(s, [makeEvent('B')], { expectedRevision: 'stream_exists' }),
        ).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('an exact revision succeeds when it is the last revision and fails otherwise', async () => {
        const s = stream('exact');
        await expectWrongVersion(store.append(s, [makeEvent('A')], { expectedRevision: 0 }), {
          streamId: s,
          expected: 0,
          actual: null,
        });
        await store.append(s, [makeEvent('A'), makeEvent('B')], { expectedRevision: 'no_stream' });
        await expectWrongVersion(store.append(s, [makeEvent('C')], { expectedRevision: 0 }), {
          streamId: s,
          expected: 0,
          actual: 1,
        });
        await expectWrongVersion(store.append(s, [makeEvent('C')], { expectedRevision: 5 }), {
          streamId: s,
          expected: 5,
          actual: 1,
        });
        await expect(store.append(s, [makeEvent('C')], { expectedRevision: 1 })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
        expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it("'any' (the default) always appends", async () => {
        const s = stream('any');
        await store.append(s, [makeEvent('A')], { expectedRevision: 'any' });
        await expect(store.append(s, [makeEvent('B')])).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('concurrent appenders with the same expected revision: exactly one wins, the others see its revision', async () => {
        const s = stream('race');
        await store.append(s, [makeEvent('Created')]);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            store.append(s, [makeEvent('Raced', { i })], { expectedRevision: 0 }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const l of lost) {
          expect(l.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(l.reason).toMatchObject({ streamId: s, expected: 0, actual: 1 });
        }
        expect(await store.streamRevision(s)).toBe(1);
      });
    });

    describe('idempotent retries', () => {
      it('a retried batch with the same ids and expected revision is not stored twice', async () => {
        const s = stream('retry-exact');
        const batch = [makeEvent('A'), makeEvent('B')];
        const first = await store.append(s, batch, { expectedRevision: 'no_stream' });
        const retry = await store.append(s, batch, { expectedRevision: 'no_stream' });
        expect(retry.nextExpectedRevision).toBe(1);
        expect(retry.position).toEqual(first.position);
        if (capabilities.exactDuplicateCount) expect(retry).toMatchObject({ appended: 0, duplicates: 2 });
        await store.append(s, [makeEvent('C')], { expectedRevision: 1 });
        const d = makeEvent('D');
        await store.append(s, [d], { expectedRevision: 2 });
        await store.append(s, [makeEvent('E')], { expectedRevision: 3 });
        // The ack of D was lost; its retry arrives after E. It succeeds and stores nothing.
        const late = await store.append(s, [d], { expectedRevision: 2 });
        if (capabilities.exactDuplicateCount) expect(late).toMatchObject({ appended: 0, duplicates: 1 });
        expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it("a retried batch with 'any' is not stored twice (recent events)", async () => {
        const s = stream('retry-any');
        const batch = [makeEvent('A'), makeEvent('B'), makeEvent('C')];
        await store.append(s, batch);
        const retry = await store.append(s, batch);
        expect(retry.nextExpectedRevision).toBe(2);
        if (capabilities.exactDuplicateCount) expect(retry).toMatchObject({ appended: 0, duplicates: 3 });
        expect(await collect(store.readStream(s))).toHaveLength(3);
      });
    });

    describe('invalid input', () => {
      const cases: [string, () => [string, EventToAppend[]]][] = [
        ['an empty stream id', () => ['', [makeEvent('A')]]],
        [
          'a non-UUID event id',
          () => [stream('bad'), [makeEvent('A'), { ...makeEvent('B'), id: 'not-a-uuid' }]],
        ],
        ['an empty event type', () => [stream('bad'), [makeEvent('')]]],
        [
          'circular data',
          () => {
            const data: Record<string, unknown> = {};
            data.self = data;
            return [stream('bad'), [makeEvent('A'), makeEvent('B', data)]];
          },
        ],
        ['a bigint in data', () => [stream('bad'), [makeEvent('A', { n: 1n })]]],
        ['a Date in data', () => [stream('bad'), [makeEvent('A', { at: new Date() })]]],
        ['NaN in data', () => [stream('bad'), [makeEvent('A', { n: Number.NaN })]]],
        ['non-object metadata', () => [stream('bad'), [{ ...makeEvent('A'), metadata: [] as never }]]],
        ['an empty event list', () => [stream('bad'), []]],
      ];
      it.each(cases)('rejects %s with InvalidAppendError and writes nothing', async (_label, make) => {
        const [s, events] = make();
        await expect(store.append(s, events)).rejects.toBeInstanceOf(InvalidAppendError);
        if (s) expect(await store.streamRevision(s)).toBeNull();
      });

      it('rejects an invalid expected revision', async () => {
        const s = stream('bad-rev');
        await expect(store.append(s, [makeEvent('A')], { expectedRevision: -1 })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        await expect(
          store.append(s, [makeEvent('A')], { expectedRevision: 'latest' as never }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.streamRevision(s)).toBeNull();
      });

      it('appendMany validates every stream before writing any', async () => {
        const good = stream('many-good');
        const bad = stream('many-bad');
        await expect(
          store.appendMany([
            { streamId: good, expectedRevision: 'any', events: [makeEvent('A')] },
            { streamId: bad, expectedRevision: 'any', events: [{ ...makeEvent('B'), id: 'nope' }] },
          ]),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.streamRevision(good)).toBeNull();
        expect(await store.streamRevision(bad)).toBeNull();
      });
    });

    describe('appendMany', () => {
      it('appends to several streams and returns one result per stream, in order', async () => {
        const a = stream('many-a');
        const b = stream('many-b');
        await store.append(b, [makeEvent('Existing')]);
        const results = await store.appendMany([
          { streamId: a, expectedRevision: 'no_stream', events: [makeEvent('A1'), makeEvent('A2')] },
          { streamId: b, expectedRevision: 0, events: [makeEvent('B1')] },
        ]);
        expect(results).toMatchObject([
          { streamId: a, nextExpectedRevision: 1, appended: 2 },
          { streamId: b, nextExpectedRevision: 1, appended: 1 },
        ]);
        expect((await collect(store.readStream(a))).map((e) => e.type)).toEqual(['A1', 'A2']);
        expect((await collect(store.readStream(b))).map((e) => e.type)).toEqual(['Existing', 'B1']);
      });

      it('with plainJson stores plain JSON exactly as without, and still refuses a bad id or type', async () => {
        const s = stream('plain-json');
        const data = { text: 'héllo 👋', n: [1, 2.5, -3], nested: { ok: true, none: null } };
        const [result] = await store.appendMany(
          [{ streamId: s, expectedRevision: 'any', events: [makeEvent('Plain', data, { botId: 'b' })] }],
          { plainJson: true },
        );
        expect(result).toMatchObject({ appended: 1 });
        const [read] = await collect(store.readStream(s));
        expect(read?.data).toEqual(data);
        expect(read?.metadata).toEqual({ botId: 'b' });
        await expect(
          store.appendMany(
            [{ streamId: s, expectedRevision: 'any', events: [{ ...makeEvent('X'), id: 'nope' }] }],
            {
              plainJson: true,
            },
          ),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(
          store.appendMany([{ streamId: s, expectedRevision: 'any', events: [makeEvent('$system')] }], {
            plainJson: true,
          }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.streamRevision(s)).toBe(0);
      });
    });

    describe('reading the global log', () => {
      it('filters by stream prefix, by event type, and by both', async () => {
        const start = await head();
        const p = `${run}_flt${++n}`;
        const T1 = `${p}Banned`;
        const T2 = `${p}Kicked`;
        await store.append(`${p}-guild-1`, [makeEvent(T1, { k: 1 }), makeEvent(T2, { k: 2 })]);
        await store.append(`${p}-config-1`, [makeEvent(T1, { k: 3 })]);
        await store.append(`${p}-guild-2`, [makeEvent(T2, { k: 4 }), makeEvent('Other', { k: 5 })]);
        const keys = async (filter: Parameters<EventStore['readAll']>[0]) =>
          (await collect(store.readAll({ after: start, ...filter }))).map((e) => (e.data as { k: number }).k);
        expect(await keys({ filter: { streamPrefixes: [`${p}-guild-`] } })).toEqual([1, 2, 4, 5]);
        expect(await keys({ filter: { streamPrefixes: [`${p}-guild-2`, `${p}-config-`] } })).toEqual([
          3, 4, 5,
        ]);
        expect(await keys({ filter: { eventTypes: [T1] } })).toEqual([1, 3]);
        expect(await keys({ filter: { eventTypes: [T1, T2] } })).toEqual([1, 2, 3, 4]);
        expect(await keys({ filter: { streamPrefixes: [`${p}-guild-`], eventTypes: [T2] } })).toEqual([2, 4]);
        expect(await keys({ filter: { streamPrefixes: [`${p}-guild-`] }, maxCount: 3 })).toEqual([1, 2, 4]);
      });

      it('resumes after a position page by page without gaps or duplicates', async () => {
        const start = await head();
        const p = `${run}_resume${++n}`;
        for (let g = 0; g < 5; g++)
          await store.appendMany(
            [0, 1, 2].map((s) => ({
              streamId: `${p}-guild-${s}`,
              expectedRevision: 'any' as const,
              events: [0, 1, 2, 3].map((i) => makeEvent('Tick', { g, s, i })),
            })),
          );
        const filter = { streamPrefixes: [`${p}-`] };
        const all = await collect(store.readAll({ after: start, filter }));
        expect(all).toHaveLength(60);
        const paged: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await collect(store.readAll({ after, filter, maxCount: 7 }));
          if (page.length === 0) break;
          paged.push(...page);
          after = page[page.length - 1]!.position;
        }
        expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
        for (let i = 1; i < all.length; i++)
          expect(comparePositions(all[i]!.position, all[i - 1]!.position)).toBeGreaterThan(0);
        expect(await store.headPosition()).toEqual(all[all.length - 1]!.position);
      });
    });

    describe('subscriptions', () => {
      it('subscribeToAll delivers history in order, then live events, and stop() ends the loop', async () => {
        const start = await head();
        const p = `${run}_sub${++n}`;
        await store.append(`${p}-a`, [makeEvent('H', { i: 0 }), makeEvent('H', { i: 1 })]);
        await store.append(`${p}-b`, [makeEvent('H', { i: 2 })]);
        await store.append(`${run}_elsewhere${++n}`, [makeEvent('H', { i: 99 })]);
        const sub = store.subscribeToAll({ after: start, filter: { streamPrefixes: [`${p}-`] } });
        const c = consume(sub);
        await c.waitFor(3);
        await store.append(`${p}-a`, [makeEvent('L', { i: 3 })]);
        await store.append(`${p}-c`, [makeEvent('L', { i: 4 })]);
        const events = await c.waitFor(5);
        expect(events.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
        await sub.stop();
        await c.done;
        expect(c.events).toHaveLength(5);
      });

      it('resumes exactly after a stored position', async () => {
        const start = await head();
        const p = `${run}_ckpt${++n}`;
        for (let i = 0; i < 10; i++) await store.append(`${p}-${i % 3}`, [makeEvent('E', { i })]);
        const filter = { streamPrefixes: [`${p}-`] };
        const first = store.subscribeToAll({ after: start, filter });
        const seen: number[] = [];
        let checkpoint: LogPosition | undefined;
        for await (const e of first) {
          seen.push((e.data as { i: number }).i);
          checkpoint = e.position;
          if (seen.length === 4) break;
        }
        await first.stop();
        const second = store.subscribeToAll({ after: checkpoint, filter });
        const c = consume(second);
        await c.waitFor(6);
        await store.append(`${p}-0`, [makeEvent('E', { i: 10 })]);
        await c.waitFor(7);
        await second.stop();
        await c.done;
        expect([...seen, ...c.events.map((e) => (e.data as { i: number }).i)]).toEqual([
          0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
      });

      it('stop() ends a loop that is waiting for events', async () => {
        const p = `${run}_idle${++n}`;
        const sub = store.subscribeToAll({ after: await head(), filter: { streamPrefixes: [`${p}-`] } });
        const c = consume(sub);
        await new Promise((r) => setTimeout(r, 100)); // let it reach the live wait
        await sub.stop();
        await c.done;
        expect(c.events).toEqual([]);
      });

      it('subscribeToStream delivers the stream after a revision, then live', async () => {
        const s = stream('substream');
        await store.append(
          s,
          [0, 1, 2].map((i) => makeEvent('E', { i })),
        );
        await store.append(stream('other'), [makeEvent('E', { i: 100 })]);
        const sub = store.subscribeToStream(s, { afterRevision: 0 });
        const c = consume(sub);
        await c.waitFor(2);
        await store.append(s, [makeEvent('E', { i: 3 })]);
        const events = await c.waitFor(3);
        expect(events.map((e) => [e.revision, (e.data as { i: number }).i])).toEqual([
          [1, 1],
          [2, 2],
          [3, 3],
        ]);
        await sub.stop();
        await c.done;
      });

      it('subscribeToStream on a stream that does not exist yet delivers it once created', async () => {
        const s = stream('later');
        const sub = store.subscribeToStream(s);
        const c = consume(sub);
        await store.append(s, [makeEvent('First')]);
        expect((await c.waitFor(1))[0]).toMatchObject({ streamId: s, revision: 0, type: 'First' });
        await sub.stop();
        await c.done;
      });

      it('survives 100k events appended while it reads, in order, without gaps or duplicates', async () => {
        const start = await head();
        const p = `${run}_bulk${++n}`;
        const total = 100_000;
        const batch = 1000;
        const sub = store.subscribeToAll({ after: start, filter: { streamPrefixes: [`${p}-`] } });
        const c = consume(sub);
        let next = 0;
        for (let b = 0; b < total / batch; b++) {
          const events: EventToAppend[] = [];
          for (let i = 0; i < batch; i++) events.push(makeEvent('Tick', { n: next++ }));
          await store.append(`${p}-${b % 10}`, events);
          if (b === 20) await c.waitFor(1); // it is live and catching up while we keep writing
        }
        const events = await c.waitFor(total, 120_000);
        await sub.stop();
        await c.done;
        expect(c.events).toHaveLength(total);
        let ordered = true;
        let sequence = true;
        for (let i = 0; i < total; i++) {
          if ((events[i]!.data as { n: number }).n !== i) sequence = false;
          if (i > 0 && comparePositions(events[i]!.position, events[i - 1]!.position) <= 0) ordered = false;
        }
        expect(sequence).toBe(true);
        expect(ordered).toBe(true);
      });
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('errors are EventStoreError subclasses', () => {
      expect(new WrongExpectedVersionError('s', 0, null)).toBeInstanceOf(EventStoreError);
    });
  });
}
