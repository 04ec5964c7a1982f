import {
  type APIAutoModerationRule,
  type APIExtendedInvite,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  type APIVoiceState,
  ChannelType,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InviteType,
  MessageType,
} from 'discord-api-types/v10';
import { memberPermissions } from './permissions.js';
import type { World } from './world.js';
import type { SimGuild, SimInvite, SimMember, SimMessage, SimVoiceState } from './world.types.js';

export function toApiMember(world: World, member: SimMember): APIGuildMember {
  return {
    user: world.user(member.userId),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: member.deaf,
    mute: member.mute,
    flags: member.flags,
    pending: member.pending,
    communication_disabled_until: member.communicationDisabledUntil,
  };
}

export function toApiGuild(guild: SimGuild): APIGuild {
  const firstText = [...guild.channels.values()].find((c) => c.type === ChannelType.GuildText);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: guild.description,
    owner_id: guild.ownerId,
    region: 'europe',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [...guild.roles.values()],
    emojis: [],
    stickers: [],
    features: [...guild.features],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: firstText?.id ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: guild.vanityUrlCode,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    approximate_member_count: guild.members.size,
    approximate_presence_count: 0,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null as unknown as GuildHubType,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

export interface GuildCreateOptions {
  /** Whether to include every member (GUILD_MEMBERS intent and a guild not larger than the threshold). */
  allMembers: boolean;
  largeThreshold: number;
  botUserId: string;
  joinedAt: string;
}

/**
 * The GUILD_CREATE payload. Like Discord, a guild above `large_threshold` or a client without the
 * GUILD_MEMBERS intent only gets the bot's own member and the members in voice channels.
 */
export function toGuildCreate(
  world: World,
  guild: SimGuild,
  opts: GuildCreateOptions,
): GatewayGuildCreateDispatchData {
  const large = guild.members.size > opts.largeThreshold;
  const members = [...guild.members.values()].filter(
    (m) => (opts.allMembers && !large) || m.userId === opts.botUserId || guild.voiceStates.has(m.userId),
  );
  return {
    ...toApiGuild(guild),
    joined_at: opts.joinedAt,
    large,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [...guild.voiceStates.values()].map((v) => toApiVoiceState(world, guild, v)),
    members: members.map((m) => toApiMember(world, m)),
    channels: [...guild.channels.values()],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function toApiVoiceState(
  world: World,
  guild: SimGuild,
  v: SimVoiceState | (Omit<SimVoiceState, 'channelId'> & { channelId: null }),
): APIVoiceState {
  const member = guild.members.get(v.userId);
  return {
    guild_id: guild.id,
    channel_id: v.channelId,
    user_id: v.userId,
    ...(member ? { member: toApiMember(world, member) } : {}),
    session_id: v.sessionId,
    deaf: v.deaf,
    mute: v.mute,
    self_deaf: v.selfDeaf,
    self_mute: v.selfMute,
    self_stream: v.selfStream,
    self_video: v.selfVideo,
    suppress: v.suppress,
    request_to_speak_timestamp: null,
  };
}

export function toApiInvite(world: World, guild: SimGuild, invite: SimInvite): APIExtendedInvite {
  const channel = guild.channels.get(invite.channelId);
  return {
    code: invite.code,
    type: InviteType.Guild,
    guild: {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      banner: null,
      description: guild.description,
      features: [...guild.features],
      verification_level: GuildVerificationLevel.Low,
      vanity_url_code: guild.vanityUrlCode,
      nsfw_level: GuildNSFWLevel.Default,
      premium_subscription_count: 0,
    },
    channel: channel ? { id: channel.id, name: channel.name, type: channel.type } : null,
    ...(invite.inviterId ? { inviter: world.user(invite.inviterId) } : {}),
    uses: invite.uses,
    max_uses: invite.maxUses,
    max_age: invite.maxAge,
    temporary: invite.temporary,
    created_at: invite.createdAt,
    expires_at:
      invite.maxAge > 0 ? new Date(Date.parse(invite.createdAt) + invite.maxAge * 1000).toISOString() : null,
  };
}

export function toApiMessage(world: World, message: SimMessage): APIMessage {
  return {
    id: message.id,
    channel_id: message.channelId,
    author: world.user(message.authorId),
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: message.mentionIds.filter((id) => world.users.has(id)).map((id) => world.user(id)),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    ...(message.reactions !== null && message.reactions.size > 0
      ? {
          reactions: [...message.reactions.values()].map((r) => ({
            emoji: r.emoji,
            count: r.userIds.size,
            count_details: { burst: 0, normal: r.userIds.size },
            me: r.userIds.has(world.botUser.id),
            me_burst: false,
            burst_colors: [],
          })),
        }
      : {}),
  };
}

export function toApiRules(guild: SimGuild): APIAutoModerationRule[] {
  return [...guild.autoModRules.values()];
}

/** Permissions of the bot in a guild, as a decimal string (for logs and the control API). */
export function botPermissions(world: World, guild: SimGuild): string {
  return memberPermissions(guild, world.botUser.id).toString();
}

export const emojiKey = (emoji: { id: string | null; name: string | null }): string =>
  emoji.id ?? emoji.name ?? '';

export { GatewayDispatchEvents };
