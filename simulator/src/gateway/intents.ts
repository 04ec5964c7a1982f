import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';

const E = GatewayDispatchEvents;
const I = GatewayIntentBits;

/**
 * Which intent a guild dispatch needs (Discord's table for the events the simulator emits and a few
 * neighbours). Events absent from the table (READY, RESUMED, GUILD_MEMBERS_CHUNK...) are always sent.
 */
export const EVENT_INTENT: Partial<Record<GatewayDispatchEvents, number>> = {
  [E.GuildCreate]: I.Guilds,
  [E.GuildUpdate]: I.Guilds,
  [E.GuildDelete]: I.Guilds,
  [E.GuildRoleCreate]: I.Guilds,
  [E.GuildRoleUpdate]: I.Guilds,
  [E.GuildRoleDelete]: I.Guilds,
  [E.ChannelCreate]: I.Guilds,
  [E.ChannelUpdate]: I.Guilds,
  [E.ChannelDelete]: I.Guilds,
  [E.ThreadCreate]: I.Guilds,
  [E.ThreadUpdate]: I.Guilds,
  [E.ThreadDelete]: I.Guilds,
  [E.GuildMemberAdd]: I.GuildMembers,
  [E.GuildMemberUpdate]: I.GuildMembers,
  [E.GuildMemberRemove]: I.GuildMembers,
  [E.GuildAuditLogEntryCreate]: I.GuildModeration,
  [E.GuildBanAdd]: I.GuildModeration,
  [E.GuildBanRemove]: I.GuildModeration,
  [E.GuildEmojisUpdate]: I.GuildExpressions,
  [E.GuildStickersUpdate]: I.GuildExpressions,
  [E.GuildIntegrationsUpdate]: I.GuildIntegrations,
  [E.WebhooksUpdate]: I.GuildWebhooks,
  [E.InviteCreate]: I.GuildInvites,
  [E.InviteDelete]: I.GuildInvites,
  [E.VoiceStateUpdate]: I.GuildVoiceStates,
  [E.PresenceUpdate]: I.GuildPresences,
  [E.MessageCreate]: I.GuildMessages,
  [E.MessageUpdate]: I.GuildMessages,
  [E.MessageDelete]: I.GuildMessages,
  [E.MessageDeleteBulk]: I.GuildMessages,
  [E.MessageReactionAdd]: I.GuildMessageReactions,
  [E.MessageReactionRemove]: I.GuildMessageReactions,
  [E.MessageReactionRemoveAll]: I.GuildMessageReactions,
  [E.MessageReactionRemoveEmoji]: I.GuildMessageReactions,
  [E.TypingStart]: I.GuildMessageTyping,
  [E.GuildScheduledEventCreate]: I.GuildScheduledEvents,
  [E.AutoModerationRuleCreate]: I.AutoModerationConfiguration,
  [E.AutoModerationRuleUpdate]: I.AutoModerationConfiguration,
  [E.AutoModerationRuleDelete]: I.AutoModerationConfiguration,
  [E.AutoModerationActionExecution]: I.AutoModerationExecution,
};

/** Intents Discord calls privileged; a bot must have them enabled in the developer portal. */
export const PRIVILEGED_INTENTS = I.GuildMembers | I.GuildPresences | I.MessageContent;

export const ALL_INTENTS = Object.values(I)
  .filter((v): v is number => typeof v === 'number')
  .reduce((acc, bit) => acc | bit, 0);

/** Events whose content fields are emptied for a client without MESSAGE_CONTENT. */
export const CONTENT_EVENTS = new Set<GatewayDispatchEvents>([
  E.MessageCreate,
  E.MessageUpdate,
  E.AutoModerationActionExecution,
]);

export function allows(intents: number, event: GatewayDispatchEvents): boolean {
  const needed = EVENT_INTENT[event];
  return needed === undefined || (intents & needed) !== 0;
}
