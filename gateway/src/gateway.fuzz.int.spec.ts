import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exampleBan,
  exampleBotEvents,
  exampleIds,
  exampleUuid,
  type GatewayErrorMessage,
  type ToBackendAck,
} from '@guildscope/contracts';
import { SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import { botCredentialsFromTokens } from './auth/bot-credentials.js';
import { type RunningGateway, startGateway } from './gateway.server.js';
import { connected, openBotSocket } from './testing/gateway-test.client.js';

/**
 * 10,000 malformed `to-backend` payloads against a real gateway: every one must be refused with a reason
 * (an ack, a gateway:error, or for frames over the transport limit a dropped connection), nothing may be
 * appended, and the gateway must still record a valid batch at the end.
 */

const TOTAL = 10_000;
const FRAME_LIMIT = 2 * 1024 * 1024;
const declaredGuild = exampleIds.guild;
const otherGuild = '1234567890123456789';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Kind = 'ack' | 'no-ack' | 'transport' | 'raw';
interface Case {
  readonly kind: Kind;
  readonly args: unknown[];
  readonly label: string;
}

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

function makeCases(seed: number): Case[] {
  const r = prng(seed);
  const randomString = (max: number) => {
    const n = r.int(max);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(32 + r.int(0x2fff));
    return s;
  };
  const scalar = (): unknown =>
    r.pick([
      () => r.int(1e9) - 5e8,
      () => r.next(),
      () => randomString(40),
      () => null,
      () => true,
      () => ({}),
      () => [],
      () => Buffer.from(randomString(30)),
      () => ({ type: randomString(10) }),
      () => deep(1 + r.int(300)),
    ])();
  const clone = <T>(v: T): T => structuredClone(v);
  /** A catalogue event broken in one way that the contracts (or the gateway) must refuse. */
  const brokenEvent = (): unknown => {
    const e = clone(r.pick(exampleBotEvents)) as Record<string, unknown>;
    e.id = exampleUuid(1_000_000 + r.int(1_000_000));
    const mutations: Array<() => void> = [
      () => delete e.id,
      () => delete e.type,
      () => delete e.guildId,
      () => delete e.timestamp,
      () => (e.id = randomString(36)),
      () => (e.type = r.pick([randomString(20), 42, null, 'MESSAGE_CREATE', 'guild_ban_add'])),
      () =>
        (e.guildId = r.pick([
          Number(declaredGuild),
          '42',
          'x'.repeat(1 + r.int(r.int(50) ? 2_000 : 200_000)),
          null,
        ])),
      () => (e.timestamp = r.pick(['2025-10-01', -1, 1.5, 1e20, Math.floor(Date.now() / 1000)])),
      () => (e[`x${randomString(8)}`] = scalar()),
      () => (e.data = r.pick([null, 'data', [], 7])),
      () => ((e.data as Record<string, unknown>).unexpected = scalar()),
      () => ((e.data as Record<string, unknown>).nested = deep(17 + r.int(500))),
      () => (e.guildId = otherGuild), // valid, but not a guild this connection declared
      () => (e.userId = Buffer.alloc(1 + r.int(64))),
    ];
    r.pick(mutations)();
    return e;
  };
  const cases: Case[] = [];
  for (let i = 0; i < TOTAL; i++) {
    // Rare, expensive kinds at fixed places so their count does not depend on the dice.
    if (i % 1000 === 500) {
      const size = [3, 4, 6, 8, 12, 16, 24, 32, 64, 100][i / 1000 - 0.5] ?? 100;
      // Over the transport limit (2 MiB): the frame is not buffered, the connection is dropped.
      cases.push({
        kind: 'transport',
        args: [['z'.repeat(size * 1024 * 1024)]],
        label: `frame of ${size} MiB`,
      });
      continue;
    }
    if (i % 200 === 50) {
      // Between the batch byte limit and the transport limit: a clear refusal, connection kept.
      cases.push({ kind: 'ack', args: [['y'.repeat(1_100_000 + r.int(800_000))]], label: 'too many bytes' });
      continue;
    }
    if (i % 400 === 125) {
      // Deeper than socket.io-client can serialise (it recurses): sent as a raw Socket.IO frame.
      cases.push({ kind: 'raw', args: [1_000 + r.int(1_000_000)], label: 'raw deep nesting' });
      continue;
    }
    const roll = r.int(1000);
    if (roll < 650) {
      const n = 1 + r.int(20);
      cases.push({
        kind: 'ack',
        args: [Array.from({ length: n }, () => (r.int(4) ? brokenEvent() : scalar()))],
        label: 'broken events',
      });
    } else if (roll < 850) {
      cases.push({ kind: 'ack', args: [scalar()], label: 'not an array' });
    } else if (roll < 900) {
      cases.push({ kind: 'ack', args: [Buffer.from(randomString(200))], label: 'binary payload' });
    } else if (roll < 930) {
      cases.push({ kind: 'ack', args: [[], 'extra', 3], label: 'extra arguments' });
    } else if (roll < 960) {
      cases.push({ kind: 'no-ack', args: [[brokenEvent()]], label: 'no ack callback' });
    } else if (roll < 990) {
      cases.push({
        kind: 'ack',
        args: [Array.from({ length: 501 + r.int(5000) }, () => 0)],
        label: 'too many events',
      });
    } else {
      cases.push({ kind: 'ack', args: [[deep(1 + r.int(2_000))]], label: 'deep nesting' });
    }
  }
  return cases;
}

describe('gateway fuzzing: 10,000 malformed payloads', () => {
  let dir: string;
  let store: SqliteEventStore;
  let gateway: RunningGateway;
  const auth = { token: 'fuzz-token', botId: 'fuzzer', shardId: 0, guildIds: [declaredGuild] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-fuzz-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    gateway = await startGateway({
      port: 0,
      eventStore: store,
      credentials: botCredentialsFromTokens({ fuzzer: 'fuzz-token' }),
      limits: { maxFrameBytes: FRAME_LIMIT },
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses every payload with a reason, appends nothing, and still serves a valid batch', async () => {
    const cases = makeCases(0x5eed);
    let socket: Socket = await connected(openBotSocket(gateway.url, auth));
    let gatewayErrors: GatewayErrorMessage[] = [];
    const listen = (s: Socket) => s.on('gateway:error', (e: GatewayErrorMessage) => gatewayErrors.push(e));
    listen(socket);
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const problems: string[] = [];

    const send = async (c: Case, index: number): Promise<void> => {
      if (c.kind === 'no-ack') {
        // Sent alone (nothing else in flight), so the next gateway:error is this payload's.
        const before = gatewayErrors.length;
        socket.emit('to-backend', ...c.args);
        // Round-trip a harmless ack-ed message so the gateway:error (sent first) has arrived.
        await socket.timeout(10_000).emitWithAck('to-backend', []);
        const error = gatewayErrors[before];
        if (gatewayErrors.length !== before + 1 || error?.code !== 'ACK_REQUIRED')
          problems.push(`#${index} ${c.label}: ${JSON.stringify(gatewayErrors.slice(before))}`);
        else count('gateway:error ACK_REQUIRED');
        return;
      }
      const dropped = new Promise<'dropped'>((resolve) =>
        socket.once('disconnect', () => resolve('dropped')),
      );
      if (c.kind === 'raw') {
        // A Socket.IO EVENT frame written straight to the engine, nested `depth` arrays deep, with an ack id
        // the client does not use: the gateway must answer (ack or closed connection), never crash.
        const depth = c.args[0] as number;
        const engine = socket.io.engine;
        const answered = new Promise<ToBackendAck>((resolve) => {
          const onPacket = (packet: { type: string; data?: unknown }) => {
            if (packet.type !== 'message' || typeof packet.data !== 'string') return;
            if (!packet.data.startsWith('3999999[')) return;
            engine.off('packet', onPacket);
            resolve((JSON.parse(packet.data.slice(7)) as [ToBackendAck])[0]);
          };
          engine.on('packet', onPacket);
        });
        socket.io.engine.send(`2999999["to-backend",${'['.repeat(depth)}${']'.repeat(depth)}]`);
        const answer = await Promise.race([answered, dropped]);
        if (answer === 'dropped') {
          count('connection dropped at the transport limit');
          socket = await connected(openBotSocket(gateway.url, auth));
          listen(socket);
        } else if (answer.ok && answer.accepted === 0 && answer.rejected[0]?.reason) {
          count('raw frame: every event rejected by index');
        } else if (!answer.ok && answer.error.message) {
          count(`raw frame: refused ${answer.error.code}`);
        } else problems.push(`#${index} ${c.label}: ${JSON.stringify(answer).slice(0, 300)}`);
        return;
      }
      const ack = socket.timeout(20_000).emitWithAck('to-backend', ...c.args) as Promise<ToBackendAck>;
      const answer = await Promise.race([ack, dropped]).catch((e: Error) => `error: ${e.message}`);
      if (answer === 'dropped') {
        if (c.kind !== 'transport') problems.push(`#${index} ${c.label}: connection dropped`);
        count('connection dropped at the transport limit');
        socket = await connected(openBotSocket(gateway.url, auth));
        listen(socket);
        return;
      }
      ack.catch(() => {});
      if (typeof answer === 'string') return void problems.push(`#${index} ${c.label}: ${answer}`);
      if (c.kind === 'transport')
        problems.push(`#${index} ${c.label}: a frame over the transport limit was read`);
      if (!answer.ok) {
        if (!answer.error.message) problems.push(`#${index} ${c.label}: refusal without a message`);
        count(`refused ${answer.error.code}`);
        return;
      }
      const batch = c.args[0] as unknown[];
      const reasons = answer.rejected.filter((r) => r.reason.length > 0).map((r) => r.index);
      if (answer.accepted !== 0 || answer.duplicates !== 0 || reasons.length !== batch.length)
        problems.push(`#${index} ${c.label}: ${JSON.stringify(answer).slice(0, 300)}`);
      count('every event rejected by index');
    };

    // Ordinary cases go 16 at a time; the ones that may drop the connection or need ordering go alone.
    const inFlight = new Set<Promise<void>>();
    const timeByLabel = new Map<string, number>();
    for (const [index, c] of cases.entries()) {
      if (c.kind !== 'ack' || c.label === 'too many bytes') {
        await Promise.all(inFlight);
        const t = performance.now();
        await send(c, index);
        timeByLabel.set(
          c.label.replace(/\d+/g, 'N'),
          (timeByLabel.get(c.label.replace(/\d+/g, 'N')) ?? 0) + performance.now() - t,
        );
        continue;
      }
      const p = send(c, index).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);

    if (process.env.FUZZ_REPORT)
      process.stdout.write(
        `${JSON.stringify({ outcomes: Object.fromEntries(outcomes), msAlone: Object.fromEntries(timeByLabel) }, null, 1)}\n`,
      );
    expect(problems.slice(0, 20)).toEqual([]);
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
    expect(outcomes.get('connection dropped at the transport limit')).toBeGreaterThan(0);
    expect(await store.headPosition()).toBeNull();

    const valid = { ...exampleBan, id: exampleUuid(424_242) };
    expect(await socket.timeout(5000).emitWithAck('to-backend', [valid])).toEqual({
      ok: true,
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    socket.disconnect();
    gatewayErrors = [];
  }, 120_000);
});
