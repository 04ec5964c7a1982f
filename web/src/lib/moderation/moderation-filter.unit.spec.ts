import {
  appendPage,
  applyEntryUpdate,
  emptyModerationFilter,
  matchesModerationFilter,
  prependEntries,
  toModerationFilterInput,
} from './moderation-filter.js';

const entry = (id: string, action: string, occurredAt: string, target = '10', moderator = '20') => ({
  id,
  action,
  occurredAt,
  target: { id: target },
  moderator: { id: moderator },
});

describe('moderation filters', () => {
  it('sends only the filters that are set', () => {
    expect(toModerationFilterInput(emptyModerationFilter())).toEqual({});
    const input = toModerationFilterInput({
      action: 'BAN',
      moderatorId: ' 20 ',
      targetId: '',
      from: '2026-01-01T10:00',
      to: 'garbage',
    });
    expect(input).toEqual({
      actions: ['BAN'],
      moderatorId: '20',
      from: new Date('2026-01-01T10:00').toISOString(),
    });
  });

  it('matches live entries against every filter', () => {
    const ban = entry('a', 'BAN', '2026-01-02T00:00:00Z');
    expect(matchesModerationFilter(ban, {})).toBe(true);
    expect(matchesModerationFilter(ban, { actions: ['KICK'] })).toBe(false);
    expect(matchesModerationFilter(ban, { moderatorId: '21' })).toBe(false);
    expect(matchesModerationFilter(ban, { targetId: '10', moderatorId: '20' })).toBe(true);
    expect(matchesModerationFilter(ban, { from: '2026-01-03T00:00:00Z' })).toBe(false);
    expect(matchesModerationFilter(ban, { to: '2026-01-02T00:00:00Z' })).toBe(false);
    expect(matchesModerationFilter({ ...ban, moderator: null }, { moderatorId: '20' })).toBe(false);
  });
});

describe('live and paged entries', () => {
  const page = [entry('b', 'KICK', '2026-01-02T00:00:00Z'), entry('a', 'BAN', '2026-01-01T00:00:00Z')];

  it('puts new entries on top, newest first, once', () => {
    const merged = prependEntries(page, [
      entry('c', 'BAN', '2026-01-03T00:00:00Z'),
      entry('d', 'BAN', '2026-01-04T00:00:00Z'),
      entry('b', 'KICK', '2026-01-02T00:00:00Z'),
      entry('d', 'BAN', '2026-01-04T00:00:00Z'),
    ]);
    expect(merged.map((e) => e.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('appends a next page without duplicates', () => {
    expect(
      appendPage(page, [
        entry('a', 'BAN', '2026-01-01T00:00:00Z'),
        entry('z', 'BAN', '2025-01-01T00:00:00Z'),
      ]).map((e) => e.id),
    ).toEqual(['b', 'a', 'z']);
  });
});

describe('live moderation updates', () => {
  type Row = ReturnType<typeof entry> & { supersededBy?: string | null };
  const rows: Row[] = [
    entry('ban', 'BAN', '2026-11-01T10:00:05Z'),
    entry('leave', 'LEAVE', '2026-11-01T10:00:04Z'),
  ];

  it('drops a row that a later entry absorbed (the removal that came with a ban)', () => {
    const updated = applyEntryUpdate<Row>(rows, {
      ...entry('leave', 'LEAVE', '2026-11-01T10:00:04Z'),
      supersededBy: 'ban',
    });
    expect(updated.map((e) => e.id)).toEqual(['ban']);
  });

  it('replaces a row in place when it changed (a leave that became a kick)', () => {
    const updated = applyEntryUpdate<Row>(rows, {
      ...entry('leave', 'KICK', '2026-11-01T10:00:04Z'),
      supersededBy: null,
    });
    expect(updated.map((e) => [e.id, e.action])).toEqual([
      ['ban', 'BAN'],
      ['leave', 'KICK'],
    ]);
  });
});
