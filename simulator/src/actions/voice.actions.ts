import { AuditLogEvent, ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import { toApiVoiceState } from '../world/serialize.js';
import type { SimGuild, SimVoiceState } from '../world/world.types.js';
import { type ActionContext, emitWithAudit } from './action-context.js';

export interface VoiceFlags {
  selfMute?: boolean;
  selfDeaf?: boolean;
  /** Server mute / deafen (by a moderator). */
  mute?: boolean;
  deaf?: boolean;
  selfVideo?: boolean;
  selfStream?: boolean;
}

function voiceChannel(guild: SimGuild, channelId: string): void {
  const channel = guild.channels.get(channelId);
  if (!channel) throw apiErrors.unknownChannel();
  if (channel.type !== ChannelType.GuildVoice) throw new DiscordApiError(400, 50024, 'Not a voice channel');
}

function emitVoice(ctx: ActionContext, guild: SimGuild, state: Parameters<typeof toApiVoiceState>[2]): void {
  ctx.gateway.dispatch(
    guild.id,
    GatewayDispatchEvents.VoiceStateUpdate,
    toApiVoiceState(ctx.world, guild, state),
  );
}

/** A member connects to a voice channel: VOICE_STATE_UPDATE with a new session id. */
export function joinVoice(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  channelId: string,
  flags: VoiceFlags = {},
): SimVoiceState {
  const guild = ctx.world.guild(guildId);
  const member = ctx.world.member(guild, userId);
  voiceChannel(guild, channelId);
  if (guild.voiceStates.has(userId)) throw new DiscordApiError(400, 0, `User ${userId} is already in voice`);
  const state: SimVoiceState = {
    userId,
    channelId,
    sessionId: BigInt(ctx.ids.next()).toString(16),
    selfMute: flags.selfMute ?? false,
    selfDeaf: flags.selfDeaf ?? false,
    mute: flags.mute ?? member.mute,
    deaf: flags.deaf ?? member.deaf,
    selfVideo: flags.selfVideo ?? false,
    selfStream: flags.selfStream ?? false,
    suppress: false,
  };
  guild.voiceStates.set(userId, state);
  ctx.truth.voiceState(guild.id, state, 'join');
  emitVoice(ctx, guild, state);
  return state;
}

/** Moves a member to another voice channel; with `moderatorId`, also audit entry 26 (MEMBER_MOVE). */
export function moveVoice(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  channelId: string,
  opts: { moderatorId?: string } = {},
): SimVoiceState {
  const guild = ctx.world.guild(guildId);
  const state = guild.voiceStates.get(userId);
  if (!state) throw new DiscordApiError(400, 40032, 'Target user is not connected to voice.');
  voiceChannel(guild, channelId);
  state.channelId = channelId;
  ctx.truth.voiceState(guild.id, state, 'move');
  if (opts.moderatorId && opts.moderatorId !== userId) {
    emitWithAudit(
      ctx,
      guild,
      {
        action_type: AuditLogEvent.MemberMove,
        target_id: null,
        user_id: opts.moderatorId,
        options: { channel_id: channelId, count: '1' },
      },
      () => emitVoice(ctx, guild, state),
    );
  } else emitVoice(ctx, guild, state);
  return state;
}

/** The member disconnects: VOICE_STATE_UPDATE with channel_id null. */
export function leaveVoice(ctx: ActionContext, guildId: string, userId: string): void {
  const guild = ctx.world.guild(guildId);
  const state = guild.voiceStates.get(userId);
  if (!state) throw new DiscordApiError(400, 40032, 'Target user is not connected to voice.');
  guild.voiceStates.delete(userId);
  ctx.truth.voiceLeft(guild.id, userId, 'leave');
  emitVoice(ctx, guild, { ...state, channelId: null });
}

/** Mute/deafen changes (self or server): VOICE_STATE_UPDATE with the same channel. */
export function setVoiceFlags(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  flags: VoiceFlags,
): SimVoiceState {
  const guild = ctx.world.guild(guildId);
  const state = guild.voiceStates.get(userId);
  if (!state) throw new DiscordApiError(400, 40032, 'Target user is not connected to voice.');
  Object.assign(
    state,
    Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<SimVoiceState>,
  );
  ctx.truth.voiceState(guild.id, state, 'flags');
  emitVoice(ctx, guild, state);
  return state;
}
