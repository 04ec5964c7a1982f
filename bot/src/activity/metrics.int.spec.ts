import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MetricsSnapshotEventData, parseBotEvent } from '@guildscope/contracts';
import { Prng, type SimGuild, Simulator } from '@guildscope/simulator';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Bot } from '../bot.js';
import { DEFAULT_ENABLED_LISTENERS } from '../config/listeners.config.js';
import { EventRecorder } from '../testing/event-recorder.js';
import { DEFAULT_METRICS_CONFIG } from './metrics-config.js';

/** Seeded traffic through the simulator; the snapshots' totals must equal what was sent, exactly. */
describe('metrics snapshots against the simulator', () => {
  const sim = new Simulator();
  const rec = new EventRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'bot-metrics-'));
  let bot: Bot;
  let guilds: SimGuild[];
  const sent = new Map<string, { messages: number; reactions: number; byChannel: Map<string, number> }>();

  beforeAll(async () => {
    guilds = [sim.createGuild({ name: 'M1' }), sim.createGuild({ name: 'M2' })];
    for (const g of guilds) sim.populate(g.id, 20);
    const urls = await sim.start();
    bot = new Bot({
      discordToken: sim.token,
      apiBase: urls.restBase,
      gateway: null,
      outboxPath: join(dir, 'outbox.db'),
      outboxMaxEvents: 100_000,
      // Short periods so that the traffic spans several of them. Not 300 ms: a full period of voice is then
      // 0.005 min, exactly where the contracts' rounding to 0.01 goes up or down, so timer jitter decided
      // whether a period counted any voice at all; 400 ms (0.0067 min) rounds to 0.01 with 60 ms of slack.
      metrics: { ...DEFAULT_METRICS_CONFIG, snapshotInterval: 400, memberActivityInterval: 1200 },
      enabled: DEFAULT_ENABLED_LISTENERS,
      correlation: { holdMs: 200, entryTtlMs: 30_000 },
      logger: pino({ level: 'silent' }),
      onEvent: rec.record,
    });
    await bot.start();

    const rng = new Prng(42);
    const memberIds = new Map(
      guilds.map((g) => [
        g.id,
        [...sim.world.guild(g.id).members.keys()].filter((id) => id !== sim.botUser.id),
      ]),
    );
    const voiceUser = new Map(guilds.map((g) => [g.id, memberIds.get(g.id)![0]!]));
    for (const g of guilds) {
      sent.set(g.id, { messages: 0, reactions: 0, byChannel: new Map() });
      sim.joinVoice(g.id, voiceUser.get(g.id)!, sim.channels(g.id).voice[0]!);
    }
    const end = Date.now() + 2_000;
    while (Date.now() < end) {
      for (let i = 0; i < 40; i++) {
        const g = guilds[rng.int(0, guilds.length - 1)]!;
        const ids = memberIds.get(g.id)!;
        const channel = sim.channels(g.id).text[rng.int(0, sim.channels(g.id).text.length - 1)]!;
        const author = ids[rng.int(1, ids.length - 1)]!;
        const m = sim.sendMessage(channel, { authorId: author, content: `hello ${i}` });
        const s = sent.get(g.id)!;
        s.messages++;
        s.byChannel.set(channel, (s.byChannel.get(channel) ?? 0) + 1);
        if (rng.int(0, 3) === 0) {
          sim.addReaction(channel, m.id, ids[rng.int(1, ids.length - 1)]!, { id: null, name: '👍' });
          s.reactions++;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const g of guilds) sim.leaveVoice(g.id, voiceUser.get(g.id)!);
    await new Promise((r) => setTimeout(r, 200));
    await bot.stop(); // flushes the open periods
  }, 30_000);

  afterAll(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every message and reaction exactly once across periods, per guild and channel', () => {
    for (const g of guilds) {
      const snaps = rec.ofType('METRICS_SNAPSHOT', g.id);
      expect(snaps.length).toBeGreaterThan(3);
      for (const s of snaps) expect(parseBotEvent(s).ok).toBe(true);
      const data = snaps.map((s) => s.data as MetricsSnapshotEventData);
      const expected = sent.get(g.id)!;
      expect(data.reduce((n, d) => n + d.metrics.messages.total, 0)).toBe(expected.messages);
      expect(data.reduce((n, d) => n + d.metrics.reactions.total, 0)).toBe(expected.reactions);
      const byChannel = new Map<string, number>();
      for (const d of data) {
        for (const [c, n] of Object.entries(d.metrics.messages.byChannel))
          byChannel.set(c, (byChannel.get(c) ?? 0) + n);
      }
      expect(byChannel).toEqual(expected.byChannel);
      // Periods tile time: each starts where the previous ended.
      for (let i = 1; i < data.length; i++) expect(data[i]!.periodStart).toBe(data[i - 1]!.periodEnd);
    }
  });

  it('splits the voice session across the periods it spans', () => {
    for (const g of guilds) {
      const data = rec.ofType('METRICS_SNAPSHOT', g.id).map((s) => s.data as MetricsSnapshotEventData);
      const withVoice = data.filter((d) => d.metrics.voice.totalMinutes > 0);
      expect(withVoice.length).toBeGreaterThan(3);
      const total = withVoice.reduce((n, d) => n + d.metrics.voice.totalMinutes, 0);
      // ~2.2 s (0.037 min) of voice; the contracts round minutes to 0.01 per snapshot, so with 400 ms periods
      // each one may add up to 0.005 min of rounding (negligible with 60 s periods).
      expect(total).toBeGreaterThan(0.02);
      expect(total).toBeLessThan(0.037 + withVoice.length * 0.005 + 0.01);
    }
  });

  it('emits member activity snapshots that agree with the metrics totals', () => {
    for (const g of guilds) {
      const acts = rec.ofType('MEMBER_ACTIVITY_SNAPSHOT', g.id);
      expect(acts.length).toBeGreaterThan(0);
      for (const a of acts) expect(parseBotEvent(a).ok).toBe(true);
      const msgs = acts.reduce(
        (n, a) =>
          n +
          (a.data as { members: Array<{ messages: { total: number } }> }).members.reduce(
            (k, m) => k + m.messages.total,
            0,
          ),
        0,
      );
      expect(msgs).toBe(sent.get(g.id)!.messages);
    }
  });
});
