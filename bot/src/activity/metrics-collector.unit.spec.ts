import { MetricsCollector, type SnapshotEmission, type VoiceFlags } from './metrics-collector.js';
import { DEFAULT_METRICS_CONFIG } from './metrics-config.js';

const names = {
  channelName: (_g: string, c: string) => `name-${c}`,
  member: (_g: string, u: string) => ({ username: `user-${u}`, avatar: null }),
};
const flags: VoiceFlags = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false };
const MIN = 60_000;

function setup(overrides = {}) {
  const out: SnapshotEmission[] = [];
  const c = new MetricsCollector({ ...DEFAULT_METRICS_CONFIG, ...overrides }, names, (s) => out.push(s), 0);
  const metrics = () => out.filter((e) => e.type === 'METRICS_SNAPSHOT');
  const activity = () => out.filter((e) => e.type === 'MEMBER_ACTIVITY_SNAPSHOT');
  return { c, out, metrics, activity };
}

describe('MetricsCollector', () => {
  describe('messages', () => {
    it('counts every message exactly once, per guild, channel and member', () => {
      const { c, metrics } = setup();
      c.recordMessage('g1', 'c1', 'u1', 10);
      c.recordMessage('g1', 'c1', 'u2', 20);
      c.recordMessage('g1', 'c2', 'u1', 30);
      c.recordMessage('g2', 'c9', 'u1', 40);
      c.flushMetrics(MIN);
      c.recordMessage('g1', 'c1', 'u1', MIN + 1);
      c.flushMetrics(2 * MIN);
      const [g1, g2, g1b] = metrics();
      if (
        g1?.type !== 'METRICS_SNAPSHOT' ||
        g2?.type !== 'METRICS_SNAPSHOT' ||
        g1b?.type !== 'METRICS_SNAPSHOT'
      )
        throw new Error('expected three snapshots');
      expect(g1.guildId).toBe('g1');
      expect(g1.data.metrics.messages).toEqual({
        total: 3,
        byChannel: { c1: 2, c2: 1 },
        byMember: { u1: 2, u2: 1 },
        topChannels: [
          { channelId: 'c1', channelName: 'name-c1', count: 2 },
          { channelId: 'c2', channelName: 'name-c2', count: 1 },
        ],
      });
      expect(g1.data.periodStart).toBe(0);
      expect(g1.data.periodEnd).toBe(MIN);
      expect(g1.data.periodDuration).toBe(60);
      expect(g2.data.metrics.messages.total).toBe(1);
      expect(g1b.data.metrics.messages.total).toBe(1);
      expect(g1b.data.periodStart).toBe(MIN);
    });

    it('emits nothing for a guild without activity', () => {
      const { c, out } = setup();
      c.flushAll(MIN);
      expect(out).toEqual([]);
    });
  });

  describe('voice', () => {
    it('splits a session open across three periods into each of them', () => {
      const { c, metrics } = setup();
      c.voiceStateUpdate('g', 'u1', 'v1', flags, 30_000);
      c.flushMetrics(MIN);
      c.flushMetrics(2 * MIN);
      c.voiceStateUpdate('g', 'u1', null, flags, 2 * MIN + 15_000);
      c.flushMetrics(3 * MIN);
      const minutes = metrics().map((s) =>
        s.type === 'METRICS_SNAPSHOT' ? s.data.metrics.voice.totalMinutes : -1,
      );
      expect(minutes).toEqual([0.5, 1, 0.25]);
      const sessions = metrics().map((s) =>
        s.type === 'METRICS_SNAPSHOT' ? s.data.metrics.voice.sessions : null,
      );
      expect(sessions).toEqual([
        { count: 1, avgDuration: 0.5 },
        { count: 1, avgDuration: 1 },
        { count: 1, avgDuration: 0.25 },
      ]);
    });

    it('credits a move to each channel and tracks peak users, mute and deaf time', () => {
      const { c, metrics } = setup();
      c.voiceStateUpdate('g', 'u1', 'v1', flags, 0);
      c.voiceStateUpdate('g', 'u2', 'v1', { ...flags, selfMute: true }, 0);
      c.voiceStateUpdate('g', 'u1', 'v2', flags, 30_000); // move
      c.voiceStateUpdate('g', 'u2', 'v1', { ...flags, selfDeaf: true, selfMute: true }, 30_000);
      c.flushMetrics(MIN);
      const s = metrics()[0];
      if (s?.type !== 'METRICS_SNAPSHOT') throw new Error('no snapshot');
      const v = s.data.metrics.voice;
      expect(v.totalMinutes).toBe(2);
      expect(v.byChannel).toEqual({ v1: 1.5, v2: 0.5 });
      expect(v.byMember).toEqual({ u1: 1, u2: 1 });
      expect(v.uniqueUsers).toBe(2);
      expect(c.voiceFlagMinutes('g')).toEqual({ muted: 1, deafened: 0.5 });
      expect(v.topChannels).toEqual([
        { channelId: 'v1', channelName: 'name-v1', minutes: 1.5, peakUsers: 2 },
        { channelId: 'v2', channelName: 'name-v2', minutes: 0.5, peakUsers: 1 },
      ]);
      expect(v.sessions.count).toBe(2);
    });
  });

  describe('reactions and members', () => {
    it('counts reactions per emoji and per member and ranks members by activity score', () => {
      const { c, metrics, activity } = setup();
      c.recordMessage('g', 'c1', 'u1', 1);
      c.recordMessage('g', 'c1', 'u1', 2);
      c.voiceStateUpdate('g', 'u2', 'v1', flags, 0);
      c.voiceStateUpdate('g', 'u2', null, flags, 4 * MIN); // 4 minutes -> score 2
      for (let i = 0; i < 5; i++) {
        c.recordReaction(
          { guildId: 'g', channelId: 'c1', userId: 'u3', messageAuthorId: 'u1', emojiName: '👍' },
          3,
        );
      }
      c.recordReaction({ guildId: 'g', channelId: 'c1', userId: 'u3', emojiId: '99', emojiName: 'party' }, 3);
      c.recordMemberJoin('g', 'u3', 1);
      c.flushAll(5 * MIN);
      const s = metrics()[0];
      if (s?.type !== 'METRICS_SNAPSHOT') throw new Error('no snapshot');
      const r = s.data.metrics.reactions;
      expect(r.total).toBe(6);
      expect(r.byEmoji).toEqual({ '👍': 5, 'party:99': 1 });
      expect(r.topEmojis[0]).toEqual({ emoji: '👍', emojiName: '👍', count: 5 });
      expect(r.topEmojis[1]).toEqual({ emoji: 'party:99', emojiId: '99', emojiName: 'party', count: 1 });
      expect(r.byMember).toEqual({ u3: 6 });
      const top = s.data.metrics.topActiveMembers.map((m) => [m.userId, m.activityScore]);
      expect(top).toEqual([
        ['u1', 2],
        ['u2', 2],
        ['u3', 1.2],
      ]);
      expect(s.data.metrics.topActiveMembers.find((m) => m.userId === 'u1')?.topChannels).toEqual([
        { channelId: 'c1', channelName: 'name-c1', messages: 2, voiceMinutes: 0 },
      ]);
      const a = activity()[0];
      if (a?.type !== 'MEMBER_ACTIVITY_SNAPSHOT') throw new Error('no activity snapshot');
      const u1 = a.data.members.find((m) => m.userId === 'u1');
      expect(u1?.reactions).toEqual({ added: 0, received: 5 });
      const u2 = a.data.members.find((m) => m.userId === 'u2');
      expect(u2?.voice).toEqual({ totalMinutes: 4, byChannel: { v1: 4 }, sessions: 1 });
      expect(a.data.members.find((m) => m.userId === 'u3')?.isNewMember).toBe(true);
    });

    it('keeps the member-activity period independent of the shorter metrics period', () => {
      const { c, metrics, activity } = setup();
      c.recordMessage('g', 'c1', 'u1', 1);
      c.flushMetrics(MIN);
      c.recordMessage('g', 'c1', 'u1', MIN + 1);
      c.flushMetrics(2 * MIN);
      c.flushMemberActivity(2 * MIN);
      expect(metrics()).toHaveLength(2);
      const a = activity()[0];
      if (a?.type !== 'MEMBER_ACTIVITY_SNAPSHOT') throw new Error('no activity snapshot');
      expect(a.data.members[0]?.messages.total).toBe(2);
      expect(a.data.periodDuration).toBe(120);
    });

    it('respects the tracking switches', () => {
      const { c, out } = setup({ trackMessages: false, trackDetailedMembers: false });
      c.recordMessage('g', 'c1', 'u1', 1);
      c.flushAll(MIN);
      expect(out).toEqual([]);
    });
  });
});
