import { AuditCorrelator } from './audit-correlator.js';

interface Entry {
  kind: 'kick' | 'ban';
  target: string;
  executor: string;
}

describe('AuditCorrelator', () => {
  it('matches an entry that arrived before the removal, once', async () => {
    const c = new AuditCorrelator<Entry>(30_000);
    c.offer({ kind: 'kick', target: 'u1', executor: 'mod' });
    expect(await c.wait((e) => e.target === 'u1', 1000)).toEqual({
      kind: 'kick',
      target: 'u1',
      executor: 'mod',
    });
    expect(await c.wait((e) => e.target === 'u1', 0)).toBeNull();
  });

  it('holds a removal until its entry arrives after it', async () => {
    const c = new AuditCorrelator<Entry>(30_000);
    const pending = c.wait((e) => e.target === 'u2', 5_000);
    c.offer({ kind: 'kick', target: 'other', executor: 'mod' });
    c.offer({ kind: 'kick', target: 'u2', executor: 'mod2' });
    expect(await pending).toEqual({ kind: 'kick', target: 'u2', executor: 'mod2' });
    expect(c.take((e) => e.target === 'other')).toEqual({ kind: 'kick', target: 'other', executor: 'mod' });
  });

  it('gives up after the bounded wait', async () => {
    const c = new AuditCorrelator<Entry>(30_000);
    expect(await c.wait((e) => e.target === 'u3', 20)).toBeNull();
    expect(c.pendingWaits()).toBe(0);
  });

  it('forgets entries older than the ttl', async () => {
    let now = 0;
    const c = new AuditCorrelator<Entry>(1_000, () => now);
    c.offer({ kind: 'kick', target: 'u4', executor: 'mod' });
    now = 2_000;
    expect(c.take((e) => e.target === 'u4')).toBeNull();
  });
});
