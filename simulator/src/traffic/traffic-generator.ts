import type { Clock } from '../core/clock.js';
import { ManualClock } from '../core/clock.js';
import { Prng } from '../core/prng.js';
import type { Simulator } from '../simulator.js';
import { flatten } from '../world/payload-json.js';
import type { SimGuild, SimMessage } from '../world/world.types.js';
import { TrafficCounters } from './traffic-counters.js';

/** Relative frequencies per message; the defaults follow a typical community's mix. */
export interface TrafficRatios {
  reactionsPerMessage: number;
  voiceChangesPerMessage: number;
  joinsLeavesPerMessage: number;
  moderationPerMessage: number;
}

export const defaultRatios: TrafficRatios = {
  reactionsPerMessage: 0.25,
  voiceChangesPerMessage: 0.04,
  joinsLeavesPerMessage: 0.01,
  moderationPerMessage: 0.002,
};

export interface TrafficOptions {
  seed: number;
  guilds: number;
  membersPerGuild: number;
  messagesPerSecond: number;
  textChannelsPerGuild?: number;
  voiceChannelsPerGuild?: number;
  ratios?: Partial<TrafficRatios>;
  /** Simulated time per step (real-time mode: the timer period). */
  tickMs?: number;
  /** Use these guilds instead of creating new ones (their current members take part). */
  guildIds?: string[];
}

const EMOJIS = ['👍', '❤️', '😂', '🔥', '🎉', '👀', '😮', '🙏', '💯', '😢'];
/** One shared (never mutated) emoji object per emoji rather than one per reaction. */
const EMOJI_OBJECTS = new Map(EMOJIS.map((name) => [name, Object.freeze({ id: null, name })]));
const WORDS = [
  'hello',
  'gg',
  'anyone',
  'playing',
  'tonight',
  'lol',
  'nice',
  'thanks',
  'server',
  'update',
  'new',
  'map',
];

interface GuildState {
  id: string;
  guild: SimGuild;
  ownerId: string;
  moderatorId: string;
  text: string[];
  voice: string[];
  members: string[];
  inVoice: Map<string, { channelId: string; muted: boolean }>;
  /** Recent messages (the world's own objects: no copy per message), oldest first. */
  recent: SimMessage[];
  invite: string;
  nextUser: number;
}

/**
 * Seeded traffic over N guilds: messages >> reactions > voice changes > joins/leaves > moderation. The same
 * seed gives the same sequence of actions. `runFor` goes as fast as possible (benchmarks, tests);
 * `start` runs in real time (demo). `counters` holds the exact ground truth.
 */
export class TrafficGenerator {
  /** What happened in the generator's guilds, read from the simulator's truth ledger. */
  readonly counters: TrafficCounters;
  private readonly prng: Prng;
  private readonly guilds: GuildState[] = [];
  private readonly ratios: TrafficRatios;
  private readonly tickMs: number;
  private carry = 0;
  /** Simulated time: the clock's time at creation plus the ticks run. */
  private now: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sim: Simulator,
    private readonly options: TrafficOptions,
  ) {
    if (!(options.guilds >= 1 || (options.guildIds?.length ?? 0) >= 1))
      throw new RangeError('guilds must be >= 1');
    if (!(options.membersPerGuild >= 2)) throw new RangeError('membersPerGuild must be >= 2');
    if (!(options.messagesPerSecond > 0)) throw new RangeError('messagesPerSecond must be > 0');
    this.prng = new Prng(options.seed);
    this.ratios = { ...defaultRatios, ...options.ratios };
    this.tickMs = options.tickMs ?? 100;
    this.now = sim.clock.now();
    this.setup();
    this.counters = new TrafficCounters(sim.truth, this.guildIds, sim.clock);
  }

  get guildIds(): string[] {
    return this.guilds.map((g) => g.id);
  }

  /** Simulated time now (ms). */
  get time(): number {
    return this.now;
  }

  private setup(): void {
    const { sim, options } = this;
    const ids =
      options.guildIds ??
      Array.from(
        { length: options.guilds },
        (_, i) =>
          sim.createGuild({
            name: `Community ${i + 1}`,
            textChannels: Array.from(
              { length: options.textChannelsPerGuild ?? 4 },
              (_, c) => `chat-${c + 1}`,
            ),
            voiceChannels: Array.from(
              { length: options.voiceChannelsPerGuild ?? 2 },
              (_, c) => `voice-${c + 1}`,
            ),
            ...(i % 5 === 0 ? { vanityCode: `community${i + 1}` } : {}),
          }).id,
      );
    for (const id of ids) {
      const guild = sim.world.guild(id);
      const existing = [...guild.members.keys()].filter((u) => u !== sim.botUser.id && u !== guild.ownerId);
      const created =
        options.guildIds === undefined
          ? sim.populate(id, options.membersPerGuild, { prefix: `g${this.guilds.length}-m` }).map((u) => u.id)
          : [];
      const members = [...existing, ...created];
      const moderator = sim.createUser({ username: `mod-${this.guilds.length}` });
      sim.addMember(id, moderator.id, { roles: [sim.guildRoles(id).moderator] });
      const channels = sim.channels(id);
      const invite = sim.createInvite(channels.text[0]!, { inviterId: guild.ownerId, maxAge: 0 }).code;
      this.guilds.push({
        id,
        guild,
        ownerId: guild.ownerId,
        moderatorId: moderator.id,
        text: channels.text,
        voice: channels.voice,
        members,
        inVoice: new Map(),
        recent: [],
        invite,
        nextUser: 0,
      });
    }
  }

  /** Generates `ms` of simulated traffic as fast as possible; advances a ManualClock along. */
  runFor(ms: number): void {
    const steps = Math.ceil(ms / this.tickMs);
    for (let i = 0; i < steps; i++) this.step(this.tickMs);
  }

  /** Real time: one step every `tickMs`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(this.tickMs), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  private step(dt: number): void {
    this.now += dt;
    const clock: Clock = this.sim.clock;
    if (clock instanceof ManualClock) clock.set(this.now);
    this.carry += (this.options.messagesPerSecond * dt) / 1000;
    const count = Math.floor(this.carry);
    this.carry -= count;
    for (let i = 0; i < count; i++) this.oneMessageWorth();
  }

  /** One message plus, with the configured probabilities, the rarer kinds of traffic. */
  private oneMessageWorth(): void {
    const { prng, ratios } = this;
    const g = prng.pickSkewed(this.guilds);
    this.message(g);
    if (prng.chance(ratios.reactionsPerMessage)) this.reaction(g);
    if (prng.chance(ratios.voiceChangesPerMessage)) this.voice(g);
    if (prng.chance(ratios.joinsLeavesPerMessage)) this.joinOrLeave(g);
    if (prng.chance(ratios.moderationPerMessage)) this.moderation(g);
  }

  private message(g: GuildState): void {
    const { prng } = this;
    const channelId = prng.pickSkewed(g.text);
    const authorId = prng.pickSkewed(g.members);
    const until = g.guild.members.get(authorId)?.communicationDisabledUntil;
    // A timed-out member cannot talk (the simulator would answer Missing Permissions).
    if (until && Date.parse(until) > this.sim.clock.now()) return;
    // Same draws, same order as `Array.from({ length }, () => pick(WORDS)).join(' ')`, without the array.
    const words = prng.int(1, 8);
    let content = prng.pick(WORDS);
    for (let i = 1; i < words; i++) content += ` ${prng.pick(WORDS)}`;
    flatten(content); // kept with the message: one flat string, not a tree of words
    const m = this.sim.sendMessage(channelId, { authorId, content });
    g.recent.push(m);
    // Never keep more than the world retains, or a reaction could target an evicted message.
    if (g.recent.length > Math.min(50, this.sim.world.messageRetention)) g.recent.shift();
  }

  private reaction(g: GuildState): void {
    const { prng } = this;
    const target =
      g.recent[g.recent.length - 1 - Math.min(g.recent.length - 1, Math.floor(prng.next() ** 2 * 20))];
    if (!target) return;
    const userId = prng.pickSkewed(g.members);
    const emoji = prng.pickSkewed(EMOJIS);
    this.sim.addReaction(target.channelId, target.id, userId, EMOJI_OBJECTS.get(emoji)!);
  }

  private voice(g: GuildState): void {
    const { prng, sim } = this;
    const userId = prng.pick(g.members);
    const state = g.inVoice.get(userId);
    if (!state) {
      const channelId = prng.pick(g.voice);
      const muted = prng.chance(0.2);
      sim.joinVoice(g.id, userId, channelId, { selfMute: muted });
      g.inVoice.set(userId, { channelId, muted });
      return;
    }
    const roll = prng.next();
    if (roll < 0.5) {
      sim.leaveVoice(g.id, userId);
      g.inVoice.delete(userId);
    } else if (roll < 0.75 && g.voice.length > 1) {
      const channelId = prng.pick(g.voice.filter((c) => c !== state.channelId));
      sim.moveVoice(g.id, userId, channelId);
      state.channelId = channelId;
    } else {
      state.muted = !state.muted;
      sim.setVoiceFlags(g.id, userId, { selfMute: state.muted });
    }
  }

  private joinOrLeave(g: GuildState): void {
    const { prng, sim } = this;
    if (prng.chance(0.55) || g.members.length <= 2) {
      const user = sim.createUser({
        username: `g${this.guilds.indexOf(g)}-new-${g.nextUser++}`,
        createdAt: this.now - prng.int(1, 2000) * 86_400_000,
      });
      const guild = sim.world.guild(g.id);
      const via =
        guild.vanityUrlCode && prng.chance(0.3) ? ({ vanity: true } as const) : { invite: g.invite };
      sim.join(g.id, { userId: user.id, via });
      g.members.push(user.id);
    } else {
      const userId = this.removeRandomMember(g);
      sim.leave(g.id, userId);
    }
  }

  private moderation(g: GuildState): void {
    const { prng, sim } = this;
    const roll = prng.next();
    if (roll < 0.4 && g.recent.length > 0) {
      const target = g.recent.splice(prng.int(0, g.recent.length - 1), 1)[0]!;
      sim.deleteMessage(target.channelId, target.id, { by: g.moderatorId });
    } else if (roll < 0.7) {
      const userId = prng.pick(g.members);
      sim.timeout(g.id, userId, { moderatorId: g.moderatorId, until: this.now + 600_000, reason: 'spam' });
    } else if (g.members.length > 2) {
      const userId = this.removeRandomMember(g);
      if (roll < 0.85) {
        sim.kick(g.id, userId, { moderatorId: g.moderatorId, reason: 'rules' });
      } else {
        sim.ban(g.id, userId, { moderatorId: g.moderatorId, reason: 'raid' });
      }
    }
  }

  /** Removes a member from the pool and from its voice map (Discord disconnects them). */
  private removeRandomMember(g: GuildState): string {
    const userId = g.members.splice(this.prng.int(0, g.members.length - 1), 1)[0]!;
    g.inVoice.delete(userId);
    g.recent = g.recent.filter((r) => r.authorId !== userId);
    return userId;
  }
}

/** Sets up guilds and members on `sim` and returns a generator ready to `runFor` or `start`. */
export function generateTraffic(sim: Simulator, options: TrafficOptions): TrafficGenerator {
  return new TrafficGenerator(sim, options);
}
