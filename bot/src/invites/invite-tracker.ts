import {
  type InviteAttribution,
  type InviteSyncEventData,
  MAX_SYNCED_INVITES,
  type SyncedInvite,
} from '@guildscope/contracts';
import { type Guild, type GuildMember, type Invite, PermissionFlagsBits } from 'discord.js';
import type { Logger } from 'pino';
import { attributeJoin, type KnownInvite } from './invite-attribution.js';

interface GuildInvites {
  invites: Map<string, KnownInvite>;
  vanity: { code: string; uses: number } | null;
  /** Serializes joins so two diffs never interleave. */
  queue: Promise<unknown>;
}

/**
 * Invite cache per guild (loaded at ready, kept by INVITE_CREATE / INVITE_DELETE) and per-guild
 * serialized join attribution. Every invite event and join gets a sequence number in arrival order, so
 * "deleted before the join" vs "vanished after it" is decided by order, not by timing guesses.
 */
export class InviteTracker {
  private readonly guilds = new Map<string, GuildInvites>();
  private seq = 0;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  static canReadInvites(guild: Guild): boolean {
    return guild.members.me?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false;
  }

  /**
   * Loads the guild's invites into the cache and returns them as `INVITE_SYNC` data (null when the bot
   * may not read invites or Discord did not answer: nothing is known then).
   */
  async load(guild: Guild): Promise<InviteSyncEventData | null> {
    if (!InviteTracker.canReadInvites(guild)) {
      this.guilds.delete(guild.id);
      return null;
    }
    try {
      const [list, vanity] = await Promise.all([this.fetchInviteList(guild), this.fetchVanity(guild)]);
      const invites = new Map(list.map((i) => [i.code, toKnown(i)]));
      const state = this.guilds.get(guild.id);
      if (state) {
        state.invites = invites;
        state.vanity = vanity;
      } else this.guilds.set(guild.id, { invites, vanity, queue: Promise.resolve() });
      return {
        invites: list.slice(0, MAX_SYNCED_INVITES).map(toSynced),
        complete: list.length <= MAX_SYNCED_INVITES,
        vanity,
      };
    } catch (err) {
      this.logger.warn(
        { component: 'invites', guildId: guild.id, err: String(err) },
        'could not load invites',
      );
      return null;
    }
  }

  forget(guildId: string): void {
    this.guilds.delete(guildId);
  }

  onCreate(invite: Invite): void {
    const guildId = invite.guild?.id;
    if (!guildId) return;
    this.seq++;
    this.guilds.get(guildId)?.invites.set(invite.code, toKnown(invite));
  }

  /** Returns what the cache knew about the deleted invite (inviter, last uses). */
  onDelete(invite: Invite): KnownInvite | undefined {
    const guildId = invite.guild?.id;
    const seq = ++this.seq;
    if (!guildId) return undefined;
    const known = this.guilds.get(guildId)?.invites.get(invite.code);
    // Kept (marked) until the next diff: a single-use invite deleted right after a join explains it.
    if (known) known.deletedAtSeq = seq;
    return known;
  }

  cached(guildId: string, code: string): KnownInvite | undefined {
    return this.guilds.get(guildId)?.invites.get(code);
  }

  /** Attributes a join; joins of one guild are processed one at a time, in arrival order. */
  attribute(member: GuildMember): Promise<InviteAttribution> {
    const joinSeq = ++this.seq;
    if (member.user.bot) return Promise.resolve({ class: 'bot' });
    const guild = member.guild;
    if (!InviteTracker.canReadInvites(guild)) return Promise.resolve({ class: 'no-permission' });
    let state = this.guilds.get(guild.id);
    if (!state) {
      state = { invites: new Map(), vanity: null, queue: Promise.resolve() };
      this.guilds.set(guild.id, state);
    }
    const s = state;
    const run = s.queue.then(async (): Promise<InviteAttribution> => {
      let after: Map<string, KnownInvite>;
      let vanityAfter: { code: string; uses: number } | null;
      try {
        [after, vanityAfter] = await Promise.all([this.fetchInvites(guild), this.fetchVanity(guild)]);
      } catch (err) {
        this.logger.warn(
          { component: 'invites', guildId: guild.id, err: String(err) },
          'invite fetch failed',
        );
        return { class: 'unknown' };
      }
      const result = attributeJoin({
        before: s.invites,
        after,
        vanityBefore: s.vanity,
        vanityAfter,
        joinSeq,
        now: this.now(),
      });
      // Invites created while we fetched keep their cache entry from INVITE_CREATE (the fetch has them too).
      s.invites = after;
      s.vanity = vanityAfter;
      switch (result.class) {
        case 'invite':
          return {
            class: 'invite',
            code: result.code,
            ...(result.inviterId ? { inviterId: result.inviterId } : {}),
            ...(result.inviterUsername ? { inviterUsername: result.inviterUsername } : {}),
            uses: result.uses,
            maxUses: result.maxUses,
          };
        case 'vanity':
          return { class: 'vanity', code: result.code, uses: result.uses };
        case 'unknown':
          return { class: 'unknown' };
        case 'bot':
          return { class: 'bot' };
        case 'no-permission':
          return { class: 'no-permission' };
        default: {
          const unhandled: never = result;
          throw new Error(`unhandled attribution ${JSON.stringify(unhandled)}`);
        }
      }
    });
    s.queue = run.catch(() => undefined);
    return run;
  }

  private async fetchInvites(guild: Guild): Promise<Map<string, KnownInvite>> {
    return new Map((await this.fetchInviteList(guild)).map((i) => [i.code, toKnown(i)]));
  }

  private async fetchInviteList(guild: Guild): Promise<Invite[]> {
    return [...(await guild.invites.fetch({ cache: false })).values()];
  }

  private async fetchVanity(guild: Guild): Promise<{ code: string; uses: number } | null> {
    if (!guild.features.includes('VANITY_URL') && !guild.vanityURLCode) return null;
    try {
      const v = await guild.fetchVanityData();
      return v.code ? { code: v.code, uses: v.uses } : null;
    } catch {
      return null;
    }
  }
}

function toSynced(i: Invite): SyncedInvite {
  const inviterId = i.inviterId ?? i.inviter?.id ?? null;
  return {
    code: i.code,
    channelId: i.channelId ?? null,
    inviterId,
    // The contract pairs them: a username only with its id.
    inviterUsername: inviterId ? (i.inviter?.username ?? null) : null,
    uses: i.uses ?? 0,
    maxUses: i.maxUses ?? 0,
    maxAge: i.maxAge ?? null,
    temporary: i.temporary ?? null,
    createdAt: i.createdTimestamp ? new Date(i.createdTimestamp).toISOString() : null,
    expiresAt: i.expiresTimestamp ? new Date(i.expiresTimestamp).toISOString() : null,
  };
}

function toKnown(i: Invite): KnownInvite {
  return {
    code: i.code,
    uses: i.uses ?? 0,
    maxUses: i.maxUses ?? 0,
    inviterId: i.inviterId ?? i.inviter?.id ?? null,
    inviterUsername: i.inviter?.username ?? null,
    channelId: i.channelId ?? null,
    expiresAt: i.expiresTimestamp ?? null,
  };
}
