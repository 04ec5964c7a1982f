import { GuildTopic } from './guild-topic.js';

describe('GuildTopic', () => {
  it('delivers items of a guild to its subscribers only, in order', async () => {
    const topic = new GuildTopic<number>('t');
    const a = topic.subscribe('A');
    const b = topic.subscribe('B');
    topic.publish('A', 1);
    topic.publish('B', 9);
    topic.publish('A', 2);
    expect([(await a.next()).value, (await a.next()).value]).toEqual([1, 2]);
    expect((await b.next()).value).toBe(9);
  });

  it('detaches a subscriber that returns, and reports empty guilds', async () => {
    const emptied: string[] = [];
    const topic = new GuildTopic<number>('t', 10, undefined, (g) => emptied.push(g));
    const a = topic.subscribe('A');
    const pending = a.next();
    await a.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(topic.hasSubscribers('A')).toBe(false);
    expect(emptied).toEqual(['A']);
  });

  it('keeps at most maxQueue items for a slow subscriber (the oldest are dropped)', async () => {
    const topic = new GuildTopic<number>('t', 2);
    const a = topic.subscribe('A');
    for (const n of [1, 2, 3]) topic.publish('A', n);
    expect([(await a.next()).value, (await a.next()).value]).toEqual([2, 3]);
  });

  it('applies a per-subscriber filter and resolves whenSubscribed', async () => {
    const topic = new GuildTopic<number>('t');
    const ready = topic.whenSubscribed('A');
    const evens = topic.subscribe('A', (n) => n % 2 === 0);
    await ready;
    topic.publish('A', 1);
    topic.publish('A', 4);
    expect((await evens.next()).value).toBe(4);
  });
});
