import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BotEvent } from '@guildscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appendBotEvents,
  botEvent,
  GUILD_A,
  GUILD_B,
  openTempEventStore,
  SECOND,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';

const CHILD = fileURLToPath(new URL('../testing/runner.child.ts', import.meta.url));

function dumpOf(lines: readonly string[]): Record<string, string[]> {
  const line = lines.find((l) => l.startsWith('dump '));
  if (!line) throw new Error('the child printed no dump');
  return JSON.parse(line.slice(5));
}

function run(args: string[]): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Not jest's --experimental-vm-modules: the child is a plain Node process.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines: string[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`runner child failed: ${stderr.slice(-2000)}\n`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

describe('crash recovery', () => {
  let dir: string;
  let events: { path: string; close(): Promise<void> };
  let expected: Record<string, string[]>;
  let cleanLines: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gs-crash-'));
    const opened = await openTempEventStore();
    events = { path: join(opened.dir, 'events.db'), close: opened.close };
    const log: BotEvent[] = [];
    for (let i = 0; i < 150; i++) {
      const u = userId(100 + (i % 60));
      const at = T0 + i * SECOND;
      const guild = i % 2 ? GUILD_A : GUILD_B;
      log.push(botEvent.join(guild, at, u, { class: 'invite', code: 'abc', inviterId: userId(5) }));
      if (i % 3 === 0) log.push(botEvent.leave(guild, at + 500, u));
      if (i % 4 === 0) log.push(botEvent.audit(guild, at + 900, 'MEMBER_KICK', userId(900), u));
    }
    await appendBotEvents(opened.store, log);
    await opened.store.close();
    // The uninterrupted run.
    const clean = run([join(dir, 'clean'), events.path]);
    expect(await clean.exited).toBe(0);
    expected = dumpOf(clean.lines);
    cleanLines = clean.lines.filter((l) => !l.startsWith('d')).length;
    expect(expected.moderation_log?.length).toBeGreaterThan(50);
  }, 60_000);
  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a runner killed with SIGKILL mid-run and restarted ends with the same tables as an uninterrupted run', async () => {
    const dataDir = join(dir, 'timescale');
    const first = run([dataDir, events.path]);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (first.lines.length >= 20) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.lines.some((l) => l.startsWith('done'))).toBe(false);

    const second = run([dataDir, events.path]);
    expect(await second.exited).toBe(0);
    expect(second.lines.at(-1)).toBe('done ["caught-up","caught-up","caught-up"]');
    // The restart resumed: it did not replay everything from the start.
    expect(second.lines.filter((l) => !l.startsWith('d')).length).toBeLessThan(cleanLines);

    expect(dumpOf(second.lines)).toEqual(expected);
  }, 60_000);
});
