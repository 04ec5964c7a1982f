import { addToSeries, seriesLength, tickIncrement, toAligned } from './series.js';

const tick = { timestamp: 0, messages: 3, voiceMinutes: 2, reactions: 1, activeMembers: 4 };

describe('addToSeries', () => {
  const data = toAligned([
    [600, 660, 720],
    [1, 2, 3],
  ]);

  it('adds to the bucket holding the timestamp without touching the input', () => {
    expect(addToSeries(data, 665, [5], 60)).toEqual([
      [600, 660, 720],
      [1, 7, 3],
    ]);
    expect(data).toEqual([
      [600, 660, 720],
      [1, 2, 3],
    ]);
  });

  it('appends zero-filled buckets up to a later tick', () => {
    expect(addToSeries(data, 900, [4], 60)).toEqual([
      [600, 660, 720, 780, 840, 900],
      [1, 2, 3, 0, 0, 4],
    ]);
  });

  it('slides the window: buckets older than the window are dropped', () => {
    expect(addToSeries(data, 780, [4], 60, 120)).toEqual([
      [660, 720, 780],
      [2, 3, 4],
    ]);
  });

  it('ignores ticks before the first bucket and starts an empty series', () => {
    expect(addToSeries(data, 500, [9], 60)).toBe(data);
    expect(addToSeries([[], []], 3601, [2], 3600)).toEqual([[3600], [2]]);
  });

  it('handles several value columns (joins and leaves)', () => {
    const growth = toAligned([
      [0, 86_400],
      [1, 0],
      [0, 2],
    ]);
    expect(addToSeries(growth, 86_500, [0, 1], 86_400)).toEqual([
      [0, 86_400],
      [1, 0],
      [0, 3],
    ]);
    expect(seriesLength(growth)).toBe(2);
  });
});

describe('tickIncrement', () => {
  it('maps metrics to tick fields; active members are not additive', () => {
    expect(tickIncrement('MESSAGES', tick)).toBe(3);
    expect(tickIncrement('VOICE_MINUTES', tick)).toBe(2);
    expect(tickIncrement('REACTIONS', tick)).toBe(1);
    expect(tickIncrement('ACTIVE_MEMBERS', tick)).toBeNull();
  });
});
