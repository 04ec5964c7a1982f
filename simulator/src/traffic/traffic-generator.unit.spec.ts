import { describe, expect, it } from '@jest/globals';
import { GatewayIntentBits } from 'discord-api-types/v10';
import { ManualClock } from '../core/clock.js';
import { Simulator } from '../simulator.js';
import { generateTraffic } from './traffic-generator.js';

const START = Date.UTC(2026, 0, 1);

function run(seed: number) {
  const sim = new Simulator({ clock: new ManualClock(START) });
  const frames: string[] = [];
  sim.gateway.openVirtualSession({
    intents:
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.GuildMessageReactions,
    sink: { send: (f) => frames.push(f), close: () => {} },
  });
  const traffic = generateTraffic(sim, { seed, guilds: 3, membersPerGuild: 40, messagesPerSecond: 200 });
  traffic.runFor(30_000);
  return { sim, traffic, frames };
}

describe('TrafficGenerator', () => {
  it('is deterministic for a seed: same counters, same frames', () => {
    const a = run(42);
    const b = run(42);
    expect(a.traffic.counters.toJSON(a.traffic.time)).toEqual(b.traffic.counters.toJSON(b.traffic.time));
    expect(a.frames).toEqual(b.frames);
    expect(run(43).traffic.counters.read().messages).not.toBe(a.traffic.counters.read().messages);
  });

  it('keeps realistic ratios: messages >> reactions > voice > joins/leaves > moderation', () => {
    const c = run(7).traffic.counters.read();
    const voice = c.voiceJoins + c.voiceMoves + c.voiceLeaves + c.voiceFlagChanges;
    const moderation = c.bans + c.kicks + c.timeouts + c.moderatorDeletes;
    expect(c.messages).toBeGreaterThan(5_500);
    expect(c.messages).toBeGreaterThan(c.reactions * 3);
    expect(c.reactions).toBeGreaterThan(voice);
    expect(voice).toBeGreaterThan(c.joins + c.leaves);
    expect(c.joins + c.leaves).toBeGreaterThan(moderation);
  });

  it('counts exactly what went out on the gateway', () => {
    const { traffic, frames } = run(9);
    const count = (t: string) => frames.filter((f) => f.includes(`"t":"${t}"`)).length;
    const counts = traffic.counters.read();
    expect(count('MESSAGE_CREATE')).toBe(counts.messages);
    expect(count('MESSAGE_REACTION_ADD')).toBe(counts.reactions);
    const perGuild = [...counts.messagesByGuild.values()].reduce((a, b) => a + b, 0);
    expect(perGuild).toBe(counts.messages);
  });

  it('measures voice time with the simulated clock, open sessions included', () => {
    const { traffic } = run(11);
    const voice = traffic.counters.voiceSeconds(traffic.time);
    expect(voice.total).toBeGreaterThan(0);
    const byChannel = [...voice.byChannel.values()].reduce((a, b) => a + b, 0);
    expect(byChannel).toBeCloseTo(voice.total, 6);
    // Nobody can be in voice longer than the run.
    for (const seconds of voice.byMember.values()) expect(seconds).toBeLessThanOrEqual(30);
  });
});
