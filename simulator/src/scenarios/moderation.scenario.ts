import { Prng } from '../core/prng.js';
import type { Simulator } from '../simulator.js';
import { type RunningScenario, type Scenario, type ScenarioOptions, TimelineScenario } from './scenario.js';

/** One moderation fact the bot should record, exactly. */
export type ModerationTruth =
  | { kind: 'ban' | 'kick' | 'unban'; guildId: string; userId: string; moderatorId: string; reason: string }
  | { kind: 'leave'; guildId: string; userId: string }
  | {
      kind: 'timeout';
      guildId: string;
      userId: string;
      moderatorId: string;
      reason: string;
      until: string | null;
    }
  | {
      kind: 'moderatorDelete';
      guildId: string;
      channelId: string;
      messageId: string;
      authorId: string;
      moderatorId: string;
    }
  | { kind: 'selfDelete'; guildId: string; channelId: string; messageId: string; authorId: string }
  | { kind: 'bulkDelete'; guildId: string; channelId: string; messageIds: string[]; moderatorId: string }
  | { kind: 'automod'; guildId: string; userId: string; channelId: string; ruleId: string; keyword: string };

export interface ModerationScenarioRun extends RunningScenario {
  /** Every action of the burst in the order it was emitted (filled when the burst runs). */
  readonly truth: readonly ModerationTruth[];
}

/**
 * A burst of moderation in one guild with known ground truth: bans (audit entry before, after and late), kicks
 * vs plain leaves, timeouts set and lifted, moderator deletes (two of them merged into one audit entry), a
 * self-delete, a bulk delete and an AutoMod block. The burst runs on the first step of the timeline (`runFor(1)`
 * or `start()`); members and targets are drawn from the seed.
 */
export interface ModerationScenario extends Scenario {
  setup(sim: Simulator, options: ScenarioOptions): ModerationScenarioRun;
}

export const moderationScenario: ModerationScenario = {
  name: 'moderation',
  description: 'one guild, a burst of moderation actions with known ground truth',
  setup: (sim, options) => new ModerationBurst(sim, options),
};

class ModerationBurst extends TimelineScenario implements ModerationScenarioRun {
  readonly name = 'moderation';
  readonly truth: ModerationTruth[] = [];
  readonly guildIds: string[];
  private done = false;
  private readonly prng: Prng;
  private readonly members: string[];
  private readonly moderators: string[];
  private readonly channelId: string;
  private readonly ruleId: string;

  constructor(
    private readonly sim: Simulator,
    options: ScenarioOptions,
  ) {
    super(sim.clock, options);
    this.prng = new Prng(options.seed);
    const guild = sim.createGuild({ name: 'Moderation Test', textChannels: ['general', 'mod-log'] });
    this.guildIds = [guild.id];
    this.members = sim.populate(guild.id, 30, { prefix: 'user' }).map((u) => u.id);
    const roles = sim.guildRoles(guild.id);
    this.moderators = [0, 1].map((i) => {
      const mod = sim.createUser({ username: `moderator-${i}` });
      sim.addMember(guild.id, mod.id, { roles: [roles.moderator] });
      return mod.id;
    });
    this.channelId = sim.channels(guild.id).text[0]!;
    this.ruleId = sim.createAutoModRule(guild.id, {
      name: 'No scams',
      creatorId: guild.ownerId,
      keywords: ['free nitro'],
    }).id;
  }

  /** The whole burst, on the first step. */
  protected step(): void {
    this.burst();
  }

  /** Draws a member that has not been the target of anything yet. */
  private target(): string {
    const i = this.prng.int(0, this.members.length - 1);
    return this.members.splice(i, 1)[0]!;
  }

  private record(t: ModerationTruth): void {
    this.truth.push(t);
    this.counts[t.kind] = (this.counts[t.kind] ?? 0) + 1;
  }

  private burst(): void {
    if (this.done) return;
    this.done = true;
    const { sim, prng } = this;
    const guildId = this.guildIds[0]!;
    const [modA, modB] = this.moderators as [string, string];
    const ch = this.channelId;

    const timings = [{ position: 'before' as const }, { position: 'after' as const }, { delayMs: 50 }];
    timings.forEach((audit, i) => {
      const userId = this.target();
      const reason = `ban reason ${i + 1}`;
      sim.ban(guildId, userId, { moderatorId: i % 2 === 0 ? modA : modB, reason, audit });
      this.record({ kind: 'ban', guildId, userId, moderatorId: i % 2 === 0 ? modA : modB, reason });
    });
    const unbanned = (this.truth[0] as { userId: string }).userId;
    sim.unban(guildId, unbanned, { moderatorId: modB, reason: 'appeal accepted' });
    this.record({ kind: 'unban', guildId, userId: unbanned, moderatorId: modB, reason: 'appeal accepted' });

    for (let i = 0; i < 2; i++) {
      const kicked = this.target();
      sim.kick(guildId, kicked, {
        moderatorId: modA,
        reason: 'rules',
        audit: { position: i === 0 ? 'before' : 'after' },
      });
      this.record({ kind: 'kick', guildId, userId: kicked, moderatorId: modA, reason: 'rules' });
      const leaver = this.target();
      sim.leave(guildId, leaver);
      this.record({ kind: 'leave', guildId, userId: leaver });
    }

    const timedOut = this.target();
    const until = sim.clock.now() + prng.int(5, 60) * 60_000;
    const { auditEntry } = sim.timeout(guildId, timedOut, { moderatorId: modB, reason: 'cool down', until });
    const untilIso = auditEntry.changes?.[0]?.new_value as string;
    this.record({
      kind: 'timeout',
      guildId,
      userId: timedOut,
      moderatorId: modB,
      reason: 'cool down',
      until: untilIso,
    });
    sim.timeout(guildId, timedOut, { moderatorId: modA, reason: 'lifted', until: null });
    this.record({
      kind: 'timeout',
      guildId,
      userId: timedOut,
      moderatorId: modA,
      reason: 'lifted',
      until: null,
    });

    // Two deletes of the same author by the same moderator: one audit entry with count 2 (Discord merges them).
    const author = this.target();
    for (let i = 0; i < 2; i++) {
      const m = sim.sendMessage(ch, { authorId: author, content: `off-topic ${i}` });
      sim.deleteMessage(ch, m.id, { by: modA, reason: 'off-topic' });
      this.record({
        kind: 'moderatorDelete',
        guildId,
        channelId: ch,
        messageId: m.id,
        authorId: author,
        moderatorId: modA,
      });
    }
    const selfAuthor = this.target();
    const own = sim.sendMessage(ch, { authorId: selfAuthor, content: 'oops wrong channel' });
    sim.deleteMessage(ch, own.id, { by: selfAuthor });
    this.record({ kind: 'selfDelete', guildId, channelId: ch, messageId: own.id, authorId: selfAuthor });

    const spammer = this.target();
    const spam = Array.from(
      { length: 5 },
      (_, i) => sim.sendMessage(ch, { authorId: spammer, content: `BUY ${i}` }).id,
    );
    sim.bulkDelete(ch, spam, { by: modB, reason: 'spam' });
    this.record({ kind: 'bulkDelete', guildId, channelId: ch, messageIds: spam, moderatorId: modB });

    const scammer = this.target();
    sim.triggerAutoMod(guildId, {
      ruleId: this.ruleId,
      userId: scammer,
      channelId: ch,
      content: 'free nitro at this link',
      matchedKeyword: 'free nitro',
    });
    this.record({
      kind: 'automod',
      guildId,
      userId: scammer,
      channelId: ch,
      ruleId: this.ruleId,
      keyword: 'free nitro',
    });
  }
}
