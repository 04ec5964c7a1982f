import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Outbox } from './outbox.js';

const logger = pino({ level: 'silent' });
const ev = (n: number) => ({ id: `id-${n}`, type: 'GUILD_BAN_ADD', guildId: 'g', n });

describe('Outbox', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events across a reopen until they are settled, oldest first', () => {
    const path = join(dir, 'o.db');
    const a = new Outbox(path, { maxEvents: 100, logger });
    for (let i = 1; i <= 5; i++) a.append(ev(i));
    expect(a.append(ev(3))).toBeNull(); // same id: stored once
    a.close();
    const b = new Outbox<ReturnType<typeof ev>>(path, { maxEvents: 100, logger });
    expect(b.pending()).toBe(5);
    const rows = b.readAfter(0, 3);
    expect(rows.map((r) => r.event.n)).toEqual([1, 2, 3]);
    b.settle([rows[0]!.seq, rows[2]!.seq], [{ seq: rows[1]!.seq, reason: 'bad shape' }]);
    expect(b.readAfter(0, 10).map((r) => r.event.n)).toEqual([4, 5]);
    expect(b.deadLetters()).toMatchObject([{ id: 'id-2', reason: 'bad shape' }]);
    b.close();
  });

  it('refuses appends beyond its size limit and says so', () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const o = new Outbox(join(dir, 'o.db'), { maxEvents: 5, logger: log });
    for (let i = 1; i <= 6; i++) o.append(ev(i));
    expect(o.pending()).toBe(5);
    expect(o.dropped()).toBe(1);
    expect(lines.some((l) => l.includes('outbox above 80%'))).toBe(true);
    expect(lines.some((l) => l.includes('outbox full: event dropped'))).toBe(true);
    o.close();
  });

  it('persists bot state such as the config position', () => {
    const path = join(dir, 'o.db');
    const a = new Outbox(path, { maxEvents: 5, logger });
    a.setState('configPosition', '42');
    a.setState('configPosition', '43');
    a.close();
    const b = new Outbox(path, { maxEvents: 5, logger });
    expect(b.getState('configPosition')).toBe('43');
    expect(b.getState('missing')).toBeUndefined();
    b.close();
  });
});
