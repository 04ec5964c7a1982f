import type { Guild, VoiceState } from 'discord.js';
import type { BotContext } from '../bot-context.js';

function flags(s: VoiceState) {
  return {
    selfMute: s.selfMute ?? false,
    selfDeaf: s.selfDeaf ?? false,
    serverMute: s.serverMute ?? false,
    serverDeaf: s.serverDeaf ?? false,
  };
}

/** Join / move / leave / mute-deaf changes feed the collector's voice sessions. */
export function onVoiceStateUpdate(ctx: BotContext, _old: VoiceState, next: VoiceState): void {
  if (next.member?.user.bot) return;
  ctx.collector.voiceStateUpdate(next.guild.id, next.id, next.channelId, flags(next), ctx.now());
}

/** Members already in voice when the bot starts (or joins a guild): their time counts from now. */
export function seedVoiceSessions(ctx: BotContext, guild: Guild, at: number): void {
  if (!ctx.enabled.VOICE_STATE_UPDATE) return;
  for (const s of guild.voiceStates.cache.values()) {
    if (!s.channelId || s.member?.user.bot) continue;
    ctx.collector.voiceStateUpdate(guild.id, s.id, s.channelId, flags(s), at, { countJoin: false });
  }
}
