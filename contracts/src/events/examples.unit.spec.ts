import {
  acceptedEventTypes,
  buildExampleMetricsSnapshotData,
  exampleBotEvents,
  exampleMetricsSnapshot,
  formatIssues,
  parseBotEvent,
} from '../index.js';

describe('example payloads', () => {
  it.each(exampleBotEvents.map((e) => [`${e.type} ${e.id.slice(-3)}`, e] as const))(
    '%s parses',
    (_name, event) => {
      const result = parseBotEvent(JSON.parse(JSON.stringify(event)));
      if (!result.ok) throw new Error(formatIssues(result.errors));
      expect(result.event).toEqual(event);
    },
  );

  it('cover every accepted type', () => {
    expect(new Set(exampleBotEvents.map((e) => e.type))).toEqual(new Set(acceptedEventTypes));
  });

  it('have a metrics snapshot of 20 members over 5 text channels whose totals add up', () => {
    const m = exampleMetricsSnapshot.data.metrics;
    expect(m.topActiveMembers.length).toBe(20);
    expect(Object.keys(m.messages.byChannel)).toHaveLength(5);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(m.messages.byChannel)).toBe(m.messages.total);
    expect(sum(m.messages.byMember)).toBe(m.messages.total);
    expect(sum(m.reactions.byEmoji)).toBe(m.reactions.total);
    expect(m.messages.total).toBeGreaterThan(100);
  });

  it('builds larger snapshots that still parse', () => {
    const data = buildExampleMetricsSnapshotData({ members: 500, channels: 40, seed: 7 });
    const result = parseBotEvent({ ...exampleMetricsSnapshot, data });
    if (!result.ok) throw new Error(formatIssues(result.errors));
    expect(result.ok).toBe(true);
  });
});
