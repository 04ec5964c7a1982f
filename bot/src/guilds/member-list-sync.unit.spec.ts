import type { SyncedMember } from '@guildscope/contracts';
import { describe, expect, it } from '@jest/globals';
import { chunkMembers } from './member-list-sync.js';

const member = (n: number, roles = 0): SyncedMember => ({
  userId: String(100_000_000_000_000_000n + BigInt(n)),
  username: `member-${n}`,
  bot: false,
  joinedAt: '2024-01-01T00:00:00.000Z',
  roles: Array.from({ length: roles }, (_, i) => String(200_000_000_000_000_000n + BigInt(i))),
});

describe('chunkMembers', () => {
  it('given more members than a chunk holds, then it splits them in order, every member once', () => {
    const members = Array.from({ length: 2_500 }, (_, i) => member(i));
    const chunks = chunkMembers(members);
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(chunks.flat()).toEqual(members);
  });

  it('given members with many roles, then a chunk stays within the byte budget', () => {
    const members = Array.from({ length: 300 }, (_, i) => member(i, 250));
    const chunks = chunkMembers(members, 1000, 256 * 1024);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(256 * 1024);
    expect(chunks.flat()).toEqual(members);
  });

  it('given an empty member list, then one empty chunk (a complete list of nobody)', () => {
    expect(chunkMembers([])).toEqual([[]]);
  });
});
