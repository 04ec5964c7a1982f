import type {
  APIAuditLogEntry,
  APIAutoModerationRule,
  APIGuildVoiceChannel,
  APIRole,
  APITextChannel,
  APIUser,
  GuildFeature,
} from 'discord-api-types/v10';

/** A guild member as the world stores it (the user object lives once in `World.users`). */
export interface SimMember {
  userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: string;
  communicationDisabledUntil: string | null;
  deaf: boolean;
  mute: boolean;
  pending: boolean;
  flags: number;
}

export type SimChannel = APITextChannel | APIGuildVoiceChannel;

export interface SimBan {
  userId: string;
  reason: string | null;
}

export interface SimInvite {
  code: string;
  guildId: string;
  channelId: string;
  inviterId: string | null;
  uses: number;
  maxUses: number;
  maxAge: number;
  temporary: boolean;
  createdAt: string;
}

export interface SimVoiceState {
  userId: string;
  channelId: string;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
  mute: boolean;
  deaf: boolean;
  selfVideo: boolean;
  selfStream: boolean;
  suppress: boolean;
}

export interface SimEmoji {
  id: string | null;
  name: string;
  animated?: boolean;
}

export interface SimReaction {
  emoji: SimEmoji;
  userIds: Set<string>;
}

export interface SimMessage {
  id: string;
  guildId: string;
  channelId: string;
  authorId: string;
  content: string;
  createdAt: number;
  mentionIds: string[];
  /** Keyed by `emojiKey(emoji)`; null until the first reaction (most messages never get one). */
  reactions: Map<string, SimReaction> | null;
}

export interface SimGuild {
  id: string;
  name: string;
  ownerId: string;
  description: string | null;
  features: GuildFeature[];
  vanityUrlCode: string | null;
  vanityUses: number;
  /** False while the bot is not a member: the guild exists in the world but is invisible to the bot. */
  botPresent: boolean;
  channels: Map<string, SimChannel>;
  roles: Map<string, APIRole>;
  members: Map<string, SimMember>;
  bans: Map<string, SimBan>;
  invites: Map<string, SimInvite>;
  voiceStates: Map<string, SimVoiceState>;
  /** Oldest first; REST returns newest first. */
  auditLog: APIAuditLogEntry[];
  autoModRules: Map<string, APIAutoModerationRule>;
}

/** A message the bot posted through REST (e.g. the welcome module), kept for tests to read. */
export interface PostedMessage {
  id: string;
  guildId: string | null;
  channelId: string;
  authorId: string;
  content: string;
  embeds: unknown[];
  at: number;
}

export type { APIUser };
