import { snowflakeTimestamp } from '@guildscope/contracts';
import { type GuildEvent, occurredAt } from '../shared/guild-event.js';

/**
 * What one event says about one member. Every source names the member (`username`); the other fields
 * are null when the event says nothing about them (the discriminator, avatar and bot flag are optional
 * in most events). Each identity field carries the key of the event it came from (event time, then
 * stream revision: a guild's events share one stream), so "the newest event that said it" is the same
 * whichever batches the events came in.
 */
export interface MemberFact {
  guild_id: string;
  user_id: string;
  username: string;
  profile_updated_at: string;
  profile_revision: number;
  discriminator: string | null;
  discriminator_at: string | null;
  discriminator_revision: number | null;
  /** The avatar hash, or null for the default avatar when `avatar_at` is set. */
  avatar: string | null;
  avatar_at: string | null;
  avatar_revision: number | null;
  /** What Discord said (joins and member lists); null when this event does not say. */
  is_bot: boolean | null;
  account_created_at: string;
  /** Latest activity an activity snapshot reported. */
  last_seen_at: string | null;
  /** A member list named the member: when it was fetched, and Discord's `joined_at` in it. */
  listed_at: string | null;
  listed_joined_at: string | null;
}

/** Events that say something about members; the projection also handles guild reports. */
export const MEMBER_FACT_EVENT_TYPES = [
  'GUILD_MEMBER_ADD',
  'GUILD_MEMBER_REMOVE',
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
  'GUILD_MEMBERS_SYNC',
  'METRICS_SNAPSHOT',
  'MEMBER_ACTIVITY_SNAPSHOT',
] as const;

interface Said {
  discriminator?: string | undefined;
  avatar?: string | null | undefined;
  is_bot?: boolean;
  last_seen_at?: string;
  listed_at?: string;
  listed_joined_at?: string | null;
}

/** One literal of the full shape (no spreads): this runs for every member of every snapshot. */
function fact(e: GuildEvent, userId: string, username: string, said: Said): MemberFact {
  const at = occurredAt(e);
  const revision = e.recorded.revision;
  const hasDiscriminator = said.discriminator !== undefined;
  const hasAvatar = said.avatar !== undefined;
  return {
    guild_id: e.dto.guildId,
    user_id: userId,
    username,
    profile_updated_at: at,
    profile_revision: revision,
    discriminator: hasDiscriminator ? (said.discriminator as string) : null,
    discriminator_at: hasDiscriminator ? at : null,
    discriminator_revision: hasDiscriminator ? revision : null,
    avatar: hasAvatar ? (said.avatar ?? null) : null,
    avatar_at: hasAvatar ? at : null,
    avatar_revision: hasAvatar ? revision : null,
    is_bot: said.is_bot ?? null,
    account_created_at: new Date(snowflakeTimestamp(userId)).toISOString(),
    last_seen_at: said.last_seen_at ?? null,
    listed_at: said.listed_at ?? null,
    listed_joined_at: said.listed_joined_at ?? null,
  };
}

/** The facts one event gives (none for the types that name no member). */
export function factsOf(e: GuildEvent): MemberFact[] {
  const dto = e.dto;
  switch (dto.type) {
    case 'GUILD_MEMBER_ADD': {
      const d = dto.data;
      return [
        fact(e, d.userId, d.username, { discriminator: d.discriminator, avatar: d.avatar, is_bot: d.bot }),
      ];
    }
    case 'GUILD_MEMBER_REMOVE': {
      const d = dto.data;
      return [fact(e, d.userId, d.username, { discriminator: d.discriminator, avatar: d.avatar })];
    }
    case 'GUILD_BAN_ADD': {
      const d = dto.data;
      return [
        fact(e, d.targetUserId, d.targetUsername, {
          discriminator: d.targetDiscriminator,
          avatar: d.targetAvatar,
        }),
      ];
    }
    case 'GUILD_BAN_REMOVE':
      return [fact(e, dto.data.targetUserId, dto.data.targetUsername, {})];
    case 'GUILD_MEMBERS_SYNC': {
      const listedAt = occurredAt(e);
      return dto.data.members.map((m) =>
        fact(e, m.userId, m.username, {
          discriminator: m.discriminator,
          avatar: m.avatar,
          is_bot: m.bot,
          listed_at: listedAt,
          listed_joined_at: m.joinedAt === null ? null : new Date(m.joinedAt).toISOString(),
        }),
      );
    }
    case 'METRICS_SNAPSHOT': {
      // Only the top active members carry a name; `byMember` maps are bare ids (nothing to show).
      const seen = new Date(dto.data.periodEnd).toISOString();
      return dto.data.metrics.topActiveMembers.map((m) =>
        fact(e, m.userId, m.username, { avatar: m.avatar, last_seen_at: seen }),
      );
    }
    case 'MEMBER_ACTIVITY_SNAPSHOT':
      return dto.data.members.map((m) =>
        fact(e, m.userId, m.username, {
          discriminator: m.discriminator,
          avatar: m.avatar,
          last_seen_at: new Date(m.lastSeen).toISOString(),
        }),
      );
    default:
      return [];
  }
}

/** Whether key (atA, revA) is after (atB, revB). ISO text in UTC orders like the instants. */
const after = (atA: string, revA: number, atB: string, revB: number) =>
  atA > atB || (atA === atB && revA > revB);

/** Fields an event may or may not say something about, each with the key of the event that said it. */
const SAID_FIELDS = [
  ['discriminator', 'discriminator_at', 'discriminator_revision'],
  ['avatar', 'avatar_at', 'avatar_revision'],
] as const;

const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * Folds `f` into `into` exactly as the members upsert merges a row with the table's (members-upsert.ts):
 * per field the newest event that said it, the bot flag as "true once any said true", the latest
 * activity and the latest list. Associative and commutative, so any grouping gives the same row.
 */
export function mergeFact(into: MemberFact, f: MemberFact): void {
  if (!after(into.profile_updated_at, into.profile_revision, f.profile_updated_at, f.profile_revision)) {
    into.username = f.username;
    into.profile_updated_at = f.profile_updated_at;
    into.profile_revision = f.profile_revision;
  }
  for (const [field, atKey, revisionKey] of SAID_FIELDS) {
    const at = f[atKey];
    const current = into[atKey];
    if (at === null) continue;
    if (current === null || !after(current, into[revisionKey] as number, at, f[revisionKey] as number)) {
      into[field] = f[field];
      into[atKey] = at;
      into[revisionKey] = f[revisionKey];
    }
  }
  if (f.is_bot !== null) into.is_bot = (into.is_bot ?? false) || f.is_bot;
  into.last_seen_at = maxOf(into.last_seen_at, f.last_seen_at);
  if (f.listed_at !== null) {
    if (into.listed_at === null || f.listed_at > into.listed_at) into.listed_joined_at = f.listed_joined_at;
    else if (f.listed_at === into.listed_at)
      into.listed_joined_at = maxOf(into.listed_joined_at, f.listed_joined_at);
    into.listed_at = maxOf(into.listed_at, f.listed_at);
  }
}

/** Every member the batch's events name, each with its facts merged (by `guild/user`). */
export function collectFacts(events: readonly GuildEvent[]): Map<string, MemberFact> {
  const byMember = new Map<string, MemberFact>();
  for (const e of events) {
    for (const f of factsOf(e)) {
      const key = `${f.guild_id}/${f.user_id}`;
      const current = byMember.get(key);
      if (current) mergeFact(current, f);
      else byMember.set(key, f);
    }
  }
  return byMember;
}
