export type { ActionContext, AuditTiming, SimSettings } from './actions/action-context.js';
export type { AutoModTriggerInput, CreateAutoModRuleInput } from './actions/automod.actions.js';
export type {
  AddMemberOptions,
  CreateGuildInput,
  CreateUserInput,
  GuildRoles,
  GuildUpdateInput,
} from './actions/guild.actions.js';
export type { CreateInviteInput, JoinRequest, JoinResult, JoinVia } from './actions/invite.actions.js';
export type { DeleteMessageInput, DeleteMessageResult, SendMessageInput } from './actions/message.actions.js';
export type {
  ModerationInput,
  ModerationResult,
  RoleUpdateInput,
  TimeoutInput,
} from './actions/moderation.actions.js';
export type { VoiceFlags } from './actions/voice.actions.js';
export { DiscordApiError } from './core/api-error.js';
export { type Clock, ManualClock, systemClock } from './core/clock.js';
export { Prng } from './core/prng.js';
export { DISCORD_EPOCH, SnowflakeGenerator, shardForGuild, snowflakeTimestamp } from './core/snowflake.js';
export type { DispatchOptions, GatewayOptions, GatewayStats } from './gateway/gateway-server.js';
export type { FrameSink, GatewaySession } from './gateway/gateway-session.js';
export { EVENT_INTENT, PRIVILEGED_INTENTS } from './gateway/intents.js';
export type { RateLimitRule } from './rest/rest-chaos.js';
export type { RestLogEntry } from './rest/rest-server.js';
export {
  demoScenario,
  type ModerationScenarioRun,
  type ModerationTruth,
  moderationScenario,
  type RunningScenario,
  type Scenario,
  type ScenarioOptions,
  SetupClock,
  scenarios,
  setupTimeForSeed,
} from './scenarios/index.js';
export { DEFAULT_TOKEN, Simulator, type SimulatorOptions, type SimulatorUrls } from './simulator.js';
export type {
  GuildTruth,
  TruthActivity,
  TruthAudit,
  TruthBotEffect,
  TruthDeparture,
  TruthGuildSummary,
  TruthInvite,
  TruthJoin,
  TruthMember,
  TruthModerationFact,
  TruthReactionRow,
  TruthStay,
  TruthSummary,
  TruthVanity,
  TruthVoiceSegment,
  TruthWindow,
} from './truth/truth.types.js';
export { TruthLedger } from './truth/truth-ledger.js';
export { World } from './world/world.js';
export type {
  PostedMessage,
  SimBan,
  SimChannel,
  SimEmoji,
  SimGuild,
  SimInvite,
  SimMember,
  SimMessage,
  SimVoiceState,
} from './world/world.types.js';
