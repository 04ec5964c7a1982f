import { jest } from '@jest/globals';
import { EventBatcher } from './event-batcher.js';

describe('EventBatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('releases critical events and snapshots immediately', () => {
    const due: number[][] = [];
    const b = new EventBatcher((s) => due.push(s));
    b.add({ seq: 1, type: 'GUILD_BAN_ADD', guildId: 'g' });
    b.add({ seq: 2, type: 'METRICS_SNAPSHOT', guildId: 'g' });
    b.add({ seq: 3, type: 'INVITE_USE', guildId: 'g' });
    expect(due).toEqual([[1], [2], [3]]);
    expect(b.held()).toBe(0);
  });

  it('groups other events per guild and type until 50 are held', () => {
    const due: number[][] = [];
    const b = new EventBatcher((s) => due.push(s));
    for (let i = 1; i <= 49; i++) b.add({ seq: i, type: 'MESSAGE_UPDATE', guildId: 'g' });
    b.add({ seq: 100, type: 'MESSAGE_UPDATE', guildId: 'other' });
    expect(due).toEqual([]);
    b.add({ seq: 50, type: 'MESSAGE_UPDATE', guildId: 'g' });
    expect(due).toHaveLength(1);
    expect(due[0]).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(b.held()).toBe(1);
    b.flushAll();
    expect(due[1]).toEqual([100]);
  });

  it('releases a partial group after its 10 s wait', () => {
    jest.useFakeTimers();
    const due: number[][] = [];
    const b = new EventBatcher((s) => due.push(s));
    b.add({ seq: 1, type: 'MESSAGE_UPDATE', guildId: 'g' });
    jest.advanceTimersByTime(9_999);
    expect(due).toEqual([]);
    b.add({ seq: 2, type: 'MESSAGE_UPDATE', guildId: 'g' });
    jest.advanceTimersByTime(1);
    expect(due).toEqual([[1, 2]]);
  });
});
