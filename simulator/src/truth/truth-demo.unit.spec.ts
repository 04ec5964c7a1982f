import { describe, expect, it } from '@jest/globals';
import { ManualClock } from '../core/clock.js';
import { demoScenario } from '../scenarios/demo.scenario.js';
import { Simulator } from '../simulator.js';

describe('the truth of a demo run', () => {
  const sim = new Simulator({ clock: new ManualClock(Date.UTC(2026, 2, 1)) });
  const demo = demoScenario.setup(sim, { seed: 5 });
  demo.runFor(10 * 60_000);
  const truths = demo.guildIds.map((id) => sim.truth.exportGuild(id));
  const c = demo.counts as Record<string, number>;
  const sum = (f: (t: (typeof truths)[number]) => number) => truths.reduce((n, t) => n + f(t), 0);
  const facts = (kind: string) => sum((t) => t.moderation.filter((f) => f.kind === kind).length);
  const stays = truths.flatMap((t) => t.members.flatMap((m) => m.stays));
  const invites = truths.flatMap((t) => t.invites);

  it('agrees with what the scenario says it did', () => {
    const got = {
      message: sum((t) => t.activity.messages.reduce((n, r) => n + r.count, 0)),
      reaction: sum((t) => t.activity.reactionsAdded.reduce((n, r) => n + r.count, 0)),
      voiceJoin: sum((t) => t.activity.voiceSegments.filter((s) => s.startedBy === 'join').length),
      voiceMove: sum((t) => t.activity.voiceSegments.filter((s) => s.startedBy === 'move').length),
      voiceLeave: sum((t) => t.activity.voiceSegments.filter((s) => s.endedBy === 'leave').length),
      join: stays.filter((s) => s.join.kind !== 'setup').length,
      'join:vanity': stays.filter((s) => s.join.kind === 'vanity').length,
      'join:invite': invites.filter((i) => i.maxUses === 0).reduce((n, i) => n + i.joins.length, 0),
      'join:single-use': invites.filter((i) => i.maxUses === 1).reduce((n, i) => n + i.joins.length, 0),
      leave: facts('leave'),
      timeout: facts('timeout'),
      kick: facts('kick'),
      ban: facts('ban'),
      moderatorDelete: facts('messageDelete'),
      bulkDelete: facts('bulkDelete'),
      // Two facts per AutoMod hit: the rule blocks the message and alerts the moderators.
      automod: facts('automod') / 2,
      inviteCreate: invites.filter((i) => i.maxAge === 7 * 86_400).length,
      inviteDelete: invites.filter((i) => i.deleted?.by).length,
    };
    const expected = Object.fromEntries(Object.keys(got).map((k) => [k, c[k] ?? 0]));
    expect(got).toEqual(expected);
    // Every kind happened (the comparison is not vacuous).
    expect(Object.entries(got).filter(([, n]) => n === 0)).toEqual([]);
  });

  it('has the member counts and invite uses of the world', () => {
    for (const t of truths) {
      const guild = sim.world.guild(t.guildId);
      expect(t.memberCount).toBe(guild.members.size);
      expect(t.members.filter((m) => m.present).map((m) => m.userId)).toEqual(
        [...guild.members.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
      );
      for (const invite of guild.invites.values()) {
        expect(t.invites.find((i) => i.code === invite.code && i.deleted === null)?.uses).toBe(invite.uses);
      }
      expect(t.vanity.uses).toBe(t.vanity.joins.length);
    }
    // Single-use invites disappear with their one join.
    expect(invites.filter((i) => i.maxUses === 1 && i.uses === 1).every((i) => i.deleted?.usedUp)).toBe(true);
  });

  it('has voice time per minute that adds up to the segments', () => {
    for (const t of truths) {
      const bySegments = t.activity.voiceSegments.reduce(
        (n, s) => n + Date.parse(s.to) - Date.parse(s.from),
        0,
      );
      expect(t.activity.voice.reduce((n, r) => n + r.ms, 0)).toBe(bySegments);
      for (const r of t.activity.voice) expect(r.ms).toBeLessThanOrEqual(60_000);
    }
  });
});
