import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptedEventTypes, exampleWelcomeConfig } from '@guildscope/contracts';
import {
  createWriteSide,
  DisableModule,
  EnableModule,
  SqliteEventStore,
  type WriteSide,
} from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { GatewayMetrics } from '../http/gateway.metrics.js';
import { BotConfigStream } from './bot-config.stream.js';

const guildId = '1234567890123456789';
const actor = { type: 'system', id: 'test' } as const;

/** Records what the stream emits, and lets the test wait for the n-th message. */
class RecordingSocket {
  readonly connected = true;
  readonly messages: Array<{ event: string; payload: unknown }> = [];
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  emit(event: string, payload: unknown): void {
    this.messages.push({ event, payload });
    this.waiters = this.waiters.filter((w) => {
      if (this.messages.length < w.n) return true;
      w.resolve();
      return false;
    });
  }
  waitFor(n: number): Promise<void> {
    if (this.messages.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}

describe('BotConfigStream', () => {
  let dir: string;
  let store: SqliteEventStore;
  let writeSide: WriteSide;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'config-stream-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    writeSide = await createWriteSide({ eventStore: store });
  });

  afterAll(async () => {
    await writeSide?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops sending after maxUnacked changes until the bot acks', async () => {
    const socket = new RecordingSocket();
    const stream = new BotConfigStream({
      writeSide,
      socket,
      guildIds: new Set([guildId]),
      logger: pino({ level: 'silent' }),
      metrics: new GatewayMetrics(new Set(acceptedEventTypes)),
      maxUnacked: 2,
    });
    stream.start(undefined);
    await socket.waitFor(1);
    expect(socket.messages[0]?.event).toBe('module:config-snapshot');
    const enable = new EnableModule({ guildId, moduleId: 'welcome', actor, config: exampleWelcomeConfig });
    const disable = new DisableModule({ guildId, moduleId: 'welcome', actor });
    for (const command of [enable, disable, enable, disable]) await writeSide.commandBus.execute(command);

    await socket.waitFor(3);
    // Give the feed every chance to send more than allowed: a further change would be here by now.
    await writeSide.commandBus.execute(enable);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(socket.messages).toHaveLength(3);

    const second = socket.messages[2]?.payload as { position: string };
    expect(stream.ack({ position: second.position })).toBeUndefined();
    await socket.waitFor(5);
    expect(socket.messages.slice(1).map((m) => (m.payload as { action: string }).action)).toEqual([
      'enabled',
      'disabled',
      'enabled',
      'disabled',
    ]);
    expect(stream.ack({ position: 'soon' })).toContain('Invalid log position');
    await stream.stop();
  });
});
