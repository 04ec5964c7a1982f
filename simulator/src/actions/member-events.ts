import {
  GatewayDispatchEvents,
  type GatewayGuildMemberAddDispatchData,
  type GatewayGuildMemberRemoveDispatchData,
  type GatewayGuildMemberUpdateDispatchData,
} from 'discord-api-types/v10';
import type { TruthDeparture } from '../truth/truth.types.js';
import { toApiMember } from '../world/serialize.js';
import type { SimGuild, SimMember } from '../world/world.types.js';
import type { ActionContext } from './action-context.js';

export function dispatchMemberAdd(ctx: ActionContext, guild: SimGuild, member: SimMember): void {
  const data: GatewayGuildMemberAddDispatchData = { ...toApiMember(ctx.world, member), guild_id: guild.id };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildMemberAdd, data);
}

export function dispatchMemberUpdate(ctx: ActionContext, guild: SimGuild, member: SimMember): void {
  const api = toApiMember(ctx.world, member);
  const data: GatewayGuildMemberUpdateDispatchData = {
    ...api,
    avatar: null,
    banner: null,
    user: api.user,
    joined_at: member.joinedAt,
    guild_id: guild.id,
  };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildMemberUpdate, data);
}

/**
 * Removes the member from the world (and from voice, as Discord disconnects them), records how they left and
 * sends MEMBER_REMOVE.
 */
export function removeMember(
  ctx: ActionContext,
  guild: SimGuild,
  userId: string,
  departure: TruthDeparture,
): void {
  const voice = guild.voiceStates.get(userId);
  if (voice) {
    guild.voiceStates.delete(userId);
    ctx.truth.voiceLeft(guild.id, userId, 'memberRemoved');
    ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.VoiceStateUpdate, {
      guild_id: guild.id,
      channel_id: null,
      user_id: userId,
      session_id: voice.sessionId,
      deaf: voice.deaf,
      mute: voice.mute,
      self_deaf: voice.selfDeaf,
      self_mute: voice.selfMute,
      self_video: false,
      suppress: false,
      request_to_speak_timestamp: null,
    });
  }
  ctx.truth.departed(guild.id, userId, departure);
  guild.members.delete(userId);
  const data: GatewayGuildMemberRemoveDispatchData = { guild_id: guild.id, user: ctx.world.user(userId) };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildMemberRemove, data);
}
