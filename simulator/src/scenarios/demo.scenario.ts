import { AutoModerationActionType } from 'discord-api-types/v10';
import { Prng } from '../core/prng.js';
import type { Simulator } from '../simulator.js';
import type { SimGuild, SimMessage } from '../world/world.types.js';
import { type Scenario, type ScenarioOptions, TimelineScenario } from './scenario.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

interface GuildPlan {
  name: string;
  description: string;
  text: string[];
  voice: string[];
  members: number;
  /** Share of the traffic (messages/s = 2 × weight). */
  weight: number;
  vanity?: string;
  keywords: string[];
}

const GUILDS: GuildPlan[] = [
  {
    name: 'Pixel Forge',
    description: 'Indie game devs and players',
    text: ['general', 'showcase', 'looking-for-group', 'help'],
    voice: ['Lounge', 'Gaming', 'Dev Stream'],
    members: 180,
    weight: 1,
    vanity: 'pixelforge',
    keywords: ['free nitro', 'airdrop'],
  },
  {
    name: 'Study Hall',
    description: 'Focus sessions and exam prep',
    text: ['general', 'homework-help', 'resources'],
    voice: ['Focus Room', 'Break Room'],
    members: 120,
    weight: 0.6,
    keywords: ['essay service', 'buy followers'],
  },
  {
    name: 'Makers Guild',
    description: '3D printing, electronics and woodworking',
    text: ['general', 'projects', 'marketplace'],
    voice: ['Workshop'],
    members: 60,
    weight: 0.3,
    keywords: ['crypto giveaway'],
  },
];

const FIRST = [
  'alex',
  'sam',
  'noa',
  'lea',
  'max',
  'jules',
  'mia',
  'tom',
  'ines',
  'yuki',
  'omar',
  'zoe',
  'liam',
];
const LAST = ['dev', 'plays', 'art', 'codes', 'builds', 'fox', 'owl', 'io', 'x', 'studio', 'gg', 'mk'];
const PHRASES = [
  'hey everyone!',
  'anyone up for a round tonight?',
  'just pushed a new build, feedback welcome',
  'lol same',
  'thanks for the help 🙏',
  'does anyone know how to fix this?',
  'check the pinned message',
  'that looks amazing',
  'brb',
  'good morning',
  'who is streaming later?',
  'new update is out',
  'gg',
];
const EMOJIS = ['👍', '❤️', '😂', '🔥', '🎉', '👀', '💯', '🙏'];
const REASONS = ['spam', 'harassment', 'advertising', 'raid account', 'repeated off-topic posting'];

interface GuildState {
  plan: GuildPlan;
  guild: SimGuild;
  text: string[];
  voice: string[];
  moderators: string[];
  /** Members the timeline may act on (not the owner, moderators or the bot). */
  members: string[];
  inviters: string[];
  inVoice: Map<string, string>;
  recent: SimMessage[];
  autoModRuleId: string;
  carry: Record<Kind, number>;
}

type Kind = 'message' | 'reaction' | 'voice' | 'join' | 'moderation' | 'invite' | 'guildUpdate';

/** Events per simulated second for a guild of weight 1. */
const RATES: Record<Kind, number> = {
  message: 2,
  reaction: 0.6,
  voice: 0.08,
  join: 1 / 45,
  moderation: 1 / 90,
  invite: 1 / 300,
  guildUpdate: 1 / 900,
};

interface Scheduled {
  at: number;
  run: () => void;
}

/**
 * Three communities with realistic names, channels, members of varied account ages, invites from several members
 * (plus a vanity URL and single-use invites) and a timeline that never ends: steady messages and reactions, voice
 * sessions that start and end, joins through invites (some leave again within minutes, some from accounts under
 * three days old), occasional moderation (timeouts, kicks, bans with reasons, moderator deletes, bulk deletes,
 * AutoMod), invite churn and guild updates. Every kind happens once in the first ~10 simulated seconds, so a
 * fresh dashboard (or a test) sees all of them at once.
 */
export const demoScenario: Scenario = {
  name: 'demo',
  description: '3 guilds, 60-180 members each, real-time community traffic with moderation and invites',
  setup: (sim, options) => new DemoScenario(sim, options),
};

class DemoScenario extends TimelineScenario {
  readonly name = 'demo';
  private readonly prng: Prng;
  private readonly guilds: GuildState[] = [];
  private scheduled: Scheduled[] = [];

  constructor(
    private readonly sim: Simulator,
    options: ScenarioOptions,
  ) {
    super(sim.clock, options);
    this.prng = new Prng(options.seed);
    for (const plan of GUILDS) this.guilds.push(this.build(plan));
    this.scheduleOpening();
  }

  get guildIds(): string[] {
    return this.guilds.map((g) => g.guild.id);
  }

  // ---- world ----

  private build(plan: GuildPlan): GuildState {
    const { sim, prng } = this;
    const now = sim.clock.now();
    const owner = sim.createUser({ username: this.username(), createdAt: now - prng.int(900, 3000) * DAY });
    const guild = sim.createGuild({
      name: plan.name,
      ownerId: owner.id,
      textChannels: plan.text,
      voiceChannels: plan.voice,
      ...(plan.vanity ? { vanityCode: plan.vanity } : {}),
    });
    guild.description = plan.description; // world setup: no GUILD_UPDATE
    const roles = sim.guildRoles(guild.id);
    const moderators: string[] = [];
    for (let i = 0; i < 2; i++) {
      const mod = sim.createUser({ username: this.username(), createdAt: now - prng.int(400, 2500) * DAY });
      sim.addMember(guild.id, mod.id, { roles: [roles.moderator], joinedAt: now - prng.int(200, 800) * DAY });
      moderators.push(mod.id);
    }
    const members: string[] = [];
    for (let i = 0; i < plan.members; i++) {
      // Mostly established accounts, some recent ones.
      const ageDays = prng.chance(0.1) ? prng.int(3, 30) : prng.int(30, 3000);
      const user = sim.createUser({ username: this.username(), createdAt: now - ageDays * DAY });
      sim.addMember(guild.id, user.id, { joinedAt: now - prng.int(0, Math.min(ageDays, 700)) * DAY });
      members.push(user.id);
    }
    const channels = sim.channels(guild.id);
    const inviters = [owner.id, moderators[0]!, members[0]!, members[1]!];
    for (const inviterId of inviters) {
      sim.createInvite(channels.text[0]!, { inviterId, maxAge: 0 });
    }
    sim.createInvite(channels.text[0]!, { inviterId: members[2]!, maxUses: 1, maxAge: 86_400 });
    const rule = sim.createAutoModRule(guild.id, {
      name: 'Scam keywords',
      creatorId: owner.id,
      keywords: plan.keywords,
      actions: [
        { type: AutoModerationActionType.BlockMessage, metadata: {} },
        { type: AutoModerationActionType.SendAlertMessage, metadata: { channel_id: channels.text[0]! } },
      ],
    });
    return {
      plan,
      guild,
      text: channels.text,
      voice: channels.voice,
      moderators,
      members,
      inviters,
      inVoice: new Map(),
      recent: [],
      autoModRuleId: rule.id,
      carry: { message: 0, reaction: 0, voice: 0, join: 0, moderation: 0, invite: 0, guildUpdate: 0 },
    };
  }

  private username(): string {
    const { prng } = this;
    return `${prng.pick(FIRST)}${prng.pick(LAST)}${prng.int(1, 999)}`;
  }

  // ---- timeline ----

  protected step(dt: number, at: number): void {
    this.runDue(at);
    for (const g of this.guilds) {
      for (const kind of Object.keys(RATES) as Kind[]) {
        g.carry[kind] += RATES[kind] * g.plan.weight * (dt / 1000);
        // Whole expected events, plus one more with the fractional part's probability (then owed: the carry
        // goes negative, so the long-run rate stays exact).
        let n = g.carry[kind] >= 1 ? Math.floor(g.carry[kind]) : 0;
        g.carry[kind] -= n;
        if (this.prng.chance(g.carry[kind])) {
          n++;
          g.carry[kind] -= 1;
        }
        for (let i = 0; i < n; i++) this.act[kind](g, at);
      }
    }
  }

  /** What one event of each kind does in a guild. */
  private readonly act: Record<Kind, (g: GuildState, at: number) => void> = {
    message: (g) => this.message(g),
    reaction: (g) => this.reaction(g),
    voice: (g, at) => this.voice(g, at),
    join: (g, at) => this.join(g, at),
    moderation: (g) => this.moderation(g),
    invite: (g) => this.inviteChurn(g),
    guildUpdate: (g) => this.guildUpdate(g),
  };

  /** The first seconds show every kind once, in the first guild. */
  private scheduleOpening(): void {
    const g = this.guilds[0]!;
    const acts: (() => void)[] = [
      () => this.message(g),
      () => this.message(g),
      () => this.reaction(g),
      () => this.voiceJoin(g, g.members[3]!, 0, 2 * MINUTE),
      () => this.join(g, 0, { via: 'invite' }),
      () => this.join(g, 0, { via: 'vanity' }),
      () => this.join(g, 0, { via: 'single-use', young: true }),
      () => this.moderation(g, 'timeout'),
      () => this.moderation(g, 'delete'),
      () => this.moderation(g, 'bulkDelete'),
      () => this.moderation(g, 'kick'),
      () => this.moderation(g, 'ban'),
      () => this.moderation(g, 'automod'),
      () => this.inviteChurn(g),
      () => this.inviteChurn(g, 'delete'),
      () => this.guildUpdate(g),
    ];
    for (const [i, run] of acts.entries()) this.schedule(500 * (i + 1), run);
  }

  private schedule(at: number, run: () => void): void {
    this.scheduled.push({ at, run });
  }

  private runDue(at: number): void {
    if (this.scheduled.length === 0) return;
    const due = this.scheduled.filter((s) => s.at <= at);
    if (due.length === 0) return;
    this.scheduled = this.scheduled.filter((s) => s.at > at);
    due.sort((a, b) => a.at - b.at);
    for (const s of due) s.run();
  }

  private count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  /**
   * Runs an action; a world conflict (e.g. the member was banned meanwhile) skips it instead of stopping. An
   * action that changed nothing (a repeated reaction answers false) is not counted: `counts` is what happened.
   */
  private attempt(kind: string, fn: () => unknown): boolean {
    try {
      if (fn() === false) return false;
      this.count(kind);
      return true;
    } catch (err) {
      this.sim.logger.debug({ err, kind }, 'scenario action skipped');
      this.count('skipped');
      return false;
    }
  }

  private canTalk(g: GuildState, userId: string): boolean {
    const until = g.guild.members.get(userId)?.communicationDisabledUntil;
    return !until || Date.parse(until) <= this.sim.clock.now();
  }

  private message(g: GuildState): void {
    const { prng, sim } = this;
    if (g.members.length === 0) return;
    const authorId = prng.pickSkewed(g.members);
    if (!this.canTalk(g, authorId)) return;
    const channelId = prng.pickSkewed(g.text);
    this.attempt('message', () => {
      const m = sim.sendMessage(channelId, { authorId, content: prng.pick(PHRASES) });
      g.recent.push(m);
      if (g.recent.length > 40) g.recent.shift();
    });
  }

  private reaction(g: GuildState): void {
    const { prng, sim } = this;
    const target = g.recent[g.recent.length - 1 - Math.min(g.recent.length - 1, prng.int(0, 10))];
    if (!target || g.members.length === 0) return;
    const userId = prng.pickSkewed(g.members);
    const name = prng.pickSkewed(EMOJIS);
    this.attempt('reaction', () => sim.addReaction(target.channelId, target.id, userId, { id: null, name }));
  }

  private voice(g: GuildState, at: number): void {
    const { prng } = this;
    if (g.members.length === 0) return;
    const userId = prng.pick(g.members);
    const channelIndex = prng.int(0, g.voice.length - 1);
    if (g.inVoice.has(userId)) {
      if (g.voice.length > 1) {
        const to = g.voice[(g.voice.indexOf(g.inVoice.get(userId)!) + 1) % g.voice.length]!;
        if (this.attempt('voiceMove', () => this.sim.moveVoice(g.guild.id, userId, to)))
          g.inVoice.set(userId, to);
      }
      return;
    }
    this.voiceJoin(g, userId, channelIndex, prng.int(1, 25) * MINUTE, at);
  }

  private voiceJoin(g: GuildState, userId: string, channelIndex: number, durationMs: number, at = 0): void {
    if (g.inVoice.has(userId)) return;
    const channelId = g.voice[channelIndex]!;
    const ok = this.attempt('voiceJoin', () =>
      this.sim.joinVoice(g.guild.id, userId, channelId, { selfMute: this.prng.chance(0.2) }),
    );
    if (!ok) return;
    g.inVoice.set(userId, channelId);
    this.schedule(Math.max(at, this.elapsedMs) + durationMs, () => {
      if (!g.inVoice.delete(userId)) return;
      this.attempt('voiceLeave', () => this.sim.leaveVoice(g.guild.id, userId));
    });
  }

  private join(
    g: GuildState,
    at: number,
    force: { via?: 'invite' | 'vanity' | 'single-use'; young?: boolean } = {},
  ): void {
    const { prng, sim } = this;
    const now = sim.clock.now();
    // A fifth of the joiners use accounts under three days old (what "fake invite" detection looks for).
    const young = force.young ?? prng.chance(0.2);
    const ageMs = young ? prng.int(1, 70) * 3_600_000 : prng.int(4, 2500) * DAY;
    const user = sim.createUser({
      username: this.username(),
      createdAt: now - ageMs - prng.int(0, 3_599_999),
    });
    const roll = prng.next();
    const via =
      force.via ??
      (g.guild.vanityUrlCode && roll < 0.2 ? 'vanity' : roll > 0.9 ? 'single-use' : ('invite' as const));
    let code: string | undefined;
    if (via === 'single-use') {
      code = sim.createInvite(g.text[0]!, {
        inviterId: prng.pick(g.inviters),
        maxUses: 1,
        maxAge: 3600,
      }).code;
    } else if (via === 'invite') {
      const open = [...g.guild.invites.values()].filter((i) => i.maxUses === 0);
      code = open.length > 0 ? prng.pick(open).code : undefined;
    }
    const ok = this.attempt(`join:${via}`, () =>
      sim.join(g.guild.id, {
        userId: user.id,
        via: code ? { invite: code } : g.guild.vanityUrlCode ? { vanity: true } : { unknown: true },
      }),
    );
    if (!ok) return;
    this.count('join');
    g.members.push(user.id);
    // About a third leave again within minutes (fake or curious joins).
    if (prng.chance(young ? 0.6 : 0.25)) {
      this.schedule(Math.max(at, this.elapsedMs) + prng.int(1, 10) * MINUTE, () => {
        if (!this.removeFromPool(g, user.id)) return;
        this.attempt('leave', () => sim.leave(g.guild.id, user.id));
      });
    }
  }

  private removeFromPool(g: GuildState, userId: string): boolean {
    const i = g.members.indexOf(userId);
    if (i < 0) return false;
    g.members.splice(i, 1);
    g.inVoice.delete(userId);
    g.recent = g.recent.filter((m) => m.authorId !== userId);
    return true;
  }

  private moderation(
    g: GuildState,
    forced?: 'timeout' | 'delete' | 'bulkDelete' | 'kick' | 'ban' | 'automod',
  ): void {
    const { prng, sim } = this;
    const moderatorId = prng.pick(g.moderators);
    const reason = prng.pick(REASONS);
    const roll = prng.next();
    const kind =
      forced ??
      (roll < 0.35
        ? 'timeout'
        : roll < 0.6
          ? 'delete'
          : roll < 0.7
            ? 'kick'
            : roll < 0.8
              ? 'ban'
              : roll < 0.85
                ? 'bulkDelete'
                : 'automod');
    if (g.members.length < 3) return;
    switch (kind) {
      case 'timeout': {
        const userId = prng.pick(g.members);
        this.attempt('timeout', () =>
          sim.timeout(g.guild.id, userId, {
            moderatorId,
            reason,
            until: sim.clock.now() + prng.int(1, 60) * MINUTE,
          }),
        );
        return;
      }
      case 'delete': {
        const target = g.recent.length > 0 ? g.recent.splice(prng.int(0, g.recent.length - 1), 1)[0]! : null;
        if (!target) return;
        this.attempt('moderatorDelete', () =>
          sim.deleteMessage(target.channelId, target.id, { by: moderatorId, reason }),
        );
        return;
      }
      case 'bulkDelete': {
        const channelId = g.text[0]!;
        const ids = g.recent.filter((m) => m.channelId === channelId).map((m) => m.id);
        if (ids.length < 2) {
          // Quiet channel: a spammer posts a burst first.
          const spammer = prng.pick(g.members);
          if (!this.canTalk(g, spammer)) return;
          for (let i = 0; i < 3; i++) {
            ids.push(sim.sendMessage(channelId, { authorId: spammer, content: 'JOIN NOW!!!' }).id);
            this.count('message');
          }
        }
        g.recent = g.recent.filter((m) => !ids.includes(m.id));
        this.attempt('bulkDelete', () =>
          sim.bulkDelete(channelId, ids.slice(-20), { by: moderatorId, reason: 'spam' }),
        );
        return;
      }
      case 'kick':
      case 'ban': {
        const userId = prng.pick(g.members);
        this.removeFromPool(g, userId);
        this.attempt(kind, () => sim[kind](g.guild.id, userId, { moderatorId, reason }));
        return;
      }
      case 'automod': {
        const userId = prng.pick(g.members);
        const keyword = prng.pick(g.plan.keywords);
        this.attempt('automod', () =>
          sim.triggerAutoMod(g.guild.id, {
            ruleId: g.autoModRuleId,
            userId,
            channelId: prng.pick(g.text),
            content: `get your ${keyword} here`,
            matchedKeyword: keyword,
          }),
        );
        return;
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown moderation ${never}`);
      }
    }
  }

  /** Temporary invites come and go; the setup's permanent ones stay. */
  private inviteChurn(g: GuildState, forced?: 'delete'): void {
    const { prng, sim } = this;
    const mine = [...g.guild.invites.values()].filter((i) => i.maxUses === 0 && i.maxAge > 0);
    if (mine.length > 0 && (forced === 'delete' || (mine.length > 2 && prng.chance(0.5)))) {
      const victim = prng.pick(mine);
      this.attempt('inviteDelete', () => sim.deleteInvite(victim.code, { by: prng.pick(g.moderators) }));
      return;
    }
    this.attempt('inviteCreate', () =>
      sim.createInvite(prng.pick(g.text), { inviterId: prng.pick(g.inviters), maxAge: 7 * 86_400 }),
    );
  }

  private guildUpdate(g: GuildState): void {
    const topics = ['Season 3 is live!', 'Event this weekend', g.plan.description, 'New rules, see #general'];
    const description = this.prng.pick(topics.filter((t) => t !== g.guild.description));
    this.attempt('guildUpdate', () =>
      this.sim.updateGuild(g.guild.id, { description, executorId: g.guild.ownerId }),
    );
  }
}
