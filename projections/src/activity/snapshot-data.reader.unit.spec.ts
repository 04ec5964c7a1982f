import { describe, expect, it } from '@jest/globals';
import { fakeSnowflake, metricsSnapshotEvent, prng } from './activity-snapshot.fixtures.js';
import {
  readMemberActivitySnapshot,
  readMetricsSnapshot,
  SnapshotDataError,
} from './snapshot-data.reader.js';

const ID = '0b7c6f3e-8a51-4b55-9a1e-3f0c1d2e4a5b';

describe('readMetricsSnapshot', () => {
  const users = [0, 1, 2, 3, 4, 5].map((i) => fakeSnowflake(2, 1, i));
  const channels = [0, 1, 2].map((i) => fakeSnowflake(3, 1, i));
  const { event, truth } = metricsSnapshotEvent({
    guildId: '42',
    periodStart: Date.UTC(2025, 0, 1),
    userIds: users,
    channelIds: channels,
    random: prng(3),
  });

  it('turns the byMember / byChannel maps into rows, voice in whole milliseconds', () => {
    const rows = readMetricsSnapshot(ID, event.data);
    expect(rows.guildId).toBe('42');
    expect(rows.ts).toBe(Date.UTC(2025, 0, 1));
    expect(rows.totals.messages).toBe(truth.messages);
    expect(rows.totals.voiceMs).toBe(Math.round(truth.voiceMinutes * 60_000));
    expect(rows.members).toHaveLength(truth.members.size);
    for (const m of rows.members) {
      const expected = truth.members.get(m.userId);
      expect(m).toEqual({
        userId: m.userId,
        messages: expected?.messages,
        voiceMs: Math.round((expected?.voiceMinutes ?? 0) * 60_000),
        reactions: expected?.reactions,
      });
    }
    expect(rows.totals.activeMembers).toBe(truth.members.size);
  });

  it('names the field at fault', () => {
    const bad = structuredClone(event.data) as {
      data: { metrics: { messages: { byMember: Record<string, unknown> } } };
    };
    bad.data.metrics.messages.byMember['123'] = -2;
    expect(() => readMetricsSnapshot(ID, bad)).toThrow(SnapshotDataError);
    expect(() => readMetricsSnapshot(ID, bad)).toThrow(
      'METRICS_SNAPSHOT.data.metrics.messages.byMember["123"] must be a non-negative integer, got -2',
    );
  });
});

describe('readMemberActivitySnapshot', () => {
  it('refuses a member listed twice in one snapshot (it would be counted twice)', () => {
    const member = {
      userId: '7',
      messages: { total: 1, byChannel: { 9: 1 } },
      voice: { totalMinutes: 0, byChannel: {}, sessions: 0 },
      reactions: { added: 0, received: 0 },
      lastSeen: 5,
    };
    const dto = {
      guildId: '1',
      data: { periodStart: 0, periodEnd: 300_000, periodDuration: 300, members: [member, member] },
    };
    expect(() => readMemberActivitySnapshot(ID, dto)).toThrow(/members\[1\]\.userId must be unique/);
  });
});
