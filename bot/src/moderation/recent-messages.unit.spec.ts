import { describe, expect, it } from '@jest/globals';
import { RecentMessages } from './recent-messages.js';

const msg = (id: string) => ({
  id,
  authorId: 'a',
  authorUsername: 'alice',
  content: `c${id}`,
  attachmentCount: 0,
});

describe('RecentMessages', () => {
  it('keeps the last messages of each channel and forgets the oldest', () => {
    const r = new RecentMessages(2);
    r.add('c1', msg('1'));
    r.add('c1', msg('2'));
    r.add('c1', msg('3'));
    r.add('c2', msg('4'));
    expect(r.take('c1', '1')).toBeUndefined();
    expect(r.take('c1', '3')?.content).toBe('c3');
    expect(r.take('c2', '4')?.content).toBe('c4');
    expect(r.size()).toBe(1);
  });

  it('returns a deleted message once', () => {
    const r = new RecentMessages(5);
    r.add('c1', msg('1'));
    expect(r.take('c1', '1')).toBeDefined();
    expect(r.take('c1', '1')).toBeUndefined();
  });

  it('keeps nothing when the size is 0', () => {
    const r = new RecentMessages(0);
    r.add('c1', msg('1'));
    expect(r.size()).toBe(0);
  });
});
