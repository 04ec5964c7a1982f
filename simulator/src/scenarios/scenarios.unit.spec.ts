import { describe, expect, it } from '@jest/globals';
import { AuditLogEvent } from 'discord-api-types/v10';
import { ManualClock } from '../core/clock.js';
import { ALL_INTENTS } from '../gateway/intents.js';
import { Simulator } from '../simulator.js';
import { demoScenario } from './demo.scenario.js';
import { moderationScenario } from './moderation.scenario.js';
import { SetupClock, setupTimeForSeed } from './scenario.js';

const START = Date.UTC(2026, 2, 1);

function runDemo(seed: number, ms: number) {
  const sim = new Simulator({ clock: new ManualClock(START) });
  const frames: string[] = [];
  sim.gateway.openVirtualSession({
    intents: ALL_INTENTS,
    sink: { send: (f) => frames.push(f), close: () => {} },
  });
  const demo = demoScenario.setup(sim, { seed });
  demo.runFor(ms);
  return { sim, demo, frames };
}

describe('demo scenario', () => {
  it('is deterministic for a seed: same world, same frames', () => {
    const a = runDemo(42, 120_000);
    const b = runDemo(42, 120_000);
    expect(a.demo.guildIds).toEqual(b.demo.guildIds);
    expect(a.frames).toEqual(b.frames);
    expect(a.demo.counts).toEqual(b.demo.counts);
    expect(runDemo(43, 120_000).demo.counts).not.toEqual(a.demo.counts);
  });

  it('builds three named guilds with voice channels, a vanity URL, a single-use invite and young accounts', () => {
    const { sim, demo } = runDemo(1, 0);
    const guilds = demo.guildIds.map((id) => sim.world.guild(id));
    expect(guilds.map((g) => g.name)).toEqual(['Pixel Forge', 'Study Hall', 'Makers Guild']);
    for (const g of guilds) {
      expect(g.members.size).toBeGreaterThanOrEqual(60);
      expect(sim.channels(g.id).voice.length).toBeGreaterThan(0);
      expect(new Set([...g.invites.values()].map((i) => i.inviterId)).size).toBeGreaterThanOrEqual(3);
      expect([...g.invites.values()].some((i) => i.maxUses === 1)).toBe(true);
    }
    expect(guilds[0]!.vanityUrlCode).toBe('pixelforge');
  });

  it('runs every kind of event in the first minute at realistic ratios, and keeps going', () => {
    const { demo } = runDemo(7, 10 * 60_000);
    const c = demo.counts as Record<string, number>;
    const kinds = [
      'message',
      'reaction',
      'voiceJoin',
      'voiceLeave',
      'join',
      'leave',
      'timeout',
      'kick',
      'ban',
    ];
    kinds.push('moderatorDelete', 'bulkDelete', 'automod', 'inviteCreate', 'inviteDelete', 'guildUpdate');
    const seen = (k: string) => [k, (c[k] ?? 0) > 0];
    expect(Object.fromEntries(kinds.map(seen))).toEqual(Object.fromEntries(kinds.map((k) => [k, true])));
    expect(c['join:invite']! + c['join:vanity']! + c['join:single-use']!).toBe(c.join);
    // ~2 messages/s per unit of weight (1.9 in all) over 10 minutes; far fewer reactions, joins, moderation.
    expect(c.message).toBeGreaterThan(800);
    expect(c.message).toBeGreaterThan(c.reaction! * 2);
    expect(c.reaction).toBeGreaterThan(c.join!);
    expect(c.join).toBeGreaterThan(c.ban!);
    expect(c.skipped ?? 0).toBeLessThan(c.message! / 100);
  });

  it('gets the same ids on a restart with the same seed (frozen setup clock), new ids for new events', () => {
    const start = (now: number) => {
      const real = new ManualClock(now);
      const clock = new SetupClock(real, setupTimeForSeed(42));
      const sim = new Simulator({ clock });
      const demo = demoScenario.setup(sim, { seed: 42 });
      clock.release();
      const ids = [...sim.world.guilds.values()].flatMap((g) => [
        g.id,
        ...g.channels.keys(),
        ...g.members.keys(),
      ]);
      const m = sim.sendMessage(sim.channels(demo.guildIds[0]!).text[0]!, {
        authorId: [...sim.world.guild(demo.guildIds[0]!).members.keys()].at(-1)!,
        content: 'after restart',
      });
      return { ids, messageId: m.id };
    };
    const first = start(START);
    const second = start(START + 5 * 60_000);
    expect(second.ids).toEqual(first.ids);
    expect(BigInt(second.messageId)).toBeGreaterThan(BigInt(first.messageId));
  });
});

describe('moderation scenario', () => {
  it('emits a burst whose ground truth matches the audit log', async () => {
    const sim = new Simulator({ clock: new ManualClock(START) });
    const run = moderationScenario.setup(sim, { seed: 3 });
    run.runFor(1);
    await sim.settled();
    const guild = sim.world.guild(run.guildIds[0]!);
    const audit = (type: AuditLogEvent) => guild.auditLog.filter((e) => e.action_type === type);
    const truth = run.truth;
    const bans = truth.flatMap((t) => (t.kind === 'ban' ? [t] : []));
    expect(bans).toHaveLength(3);
    expect(audit(AuditLogEvent.MemberBanAdd).map((e) => [e.target_id, e.user_id, e.reason])).toEqual(
      expect.arrayContaining(bans.map((b) => [b.userId, b.moderatorId, b.reason])),
    );
    expect(
      audit(AuditLogEvent.MemberKick)
        .map((e) => e.target_id)
        .sort(),
    ).toEqual(truth.flatMap((t) => (t.kind === 'kick' ? [t.userId] : [])).sort());
    // Leavers are gone without any audit entry naming them.
    for (const t of truth) {
      if (t.kind !== 'leave') continue;
      expect(guild.members.has(t.userId)).toBe(false);
      expect(guild.auditLog.some((e) => e.target_id === t.userId)).toBe(false);
    }
    // Two moderator deletes of one author merged into one entry with count 2.
    expect(audit(AuditLogEvent.MessageDelete).map((e) => e.options?.count)).toEqual(['2']);
    expect(audit(AuditLogEvent.MessageBulkDelete).map((e) => e.options?.count)).toEqual(['5']);
    expect(audit(AuditLogEvent.MemberBanRemove)).toHaveLength(1);
    expect(audit(AuditLogEvent.AutoModerationBlockMessage)).toHaveLength(1);
    expect(run.counts).toEqual({
      ban: 3,
      unban: 1,
      kick: 2,
      leave: 2,
      timeout: 2,
      moderatorDelete: 2,
      selfDelete: 1,
      bulkDelete: 1,
      automod: 1,
    });
  });
});
