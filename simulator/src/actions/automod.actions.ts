import {
  type APIAuditLogEntry,
  type APIAutoModerationAction,
  type APIAutoModerationRule,
  AuditLogEvent,
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  type GatewayAutoModerationActionExecutionDispatchData,
  GatewayDispatchEvents,
} from 'discord-api-types/v10';
import { DiscordApiError } from '../core/api-error.js';
import { type ActionContext, emitWithAudit } from './action-context.js';
import { dispatchMemberUpdate } from './member-events.js';

export interface CreateAutoModRuleInput {
  name: string;
  creatorId: string;
  keywords?: string[];
  actions?: APIAutoModerationAction[];
}

/** A keyword rule (AUTO_MODERATION_RULE_CREATE, AutoModerationConfiguration intent). */
export function createAutoModRule(
  ctx: ActionContext,
  guildId: string,
  input: CreateAutoModRuleInput,
): APIAutoModerationRule {
  const guild = ctx.world.guild(guildId);
  const rule: APIAutoModerationRule = {
    id: ctx.ids.next(),
    guild_id: guildId,
    name: input.name,
    creator_id: input.creatorId,
    event_type: AutoModerationRuleEventType.MessageSend,
    trigger_type: AutoModerationRuleTriggerType.Keyword,
    trigger_metadata: { keyword_filter: input.keywords ?? [], regex_patterns: [], allow_list: [] },
    actions: input.actions ?? [{ type: AutoModerationActionType.BlockMessage, metadata: {} }],
    enabled: true,
    exempt_roles: [],
    exempt_channels: [],
  };
  guild.autoModRules.set(rule.id, rule);
  ctx.gateway.dispatch(guildId, GatewayDispatchEvents.AutoModerationRuleCreate, rule);
  return rule;
}

const AUTOMOD_ACTIONS = {
  [AutoModerationActionType.BlockMessage]: 'blockMessage',
  [AutoModerationActionType.SendAlertMessage]: 'sendAlertMessage',
  [AutoModerationActionType.Timeout]: 'timeout',
  [AutoModerationActionType.BlockMemberInteraction]: 'blockMemberInteraction',
} as const;

export interface AutoModTriggerInput {
  ruleId: string;
  userId: string;
  channelId: string;
  content: string;
  matchedKeyword: string;
}

/**
 * Discord's AutoMod acts on a message: one AUTO_MODERATION_ACTION_EXECUTION per rule action
 * (AutoModerationExecution intent; `content`/`matched_content` empty without MESSAGE_CONTENT), the matching
 * audit entries (143 block, 144 alert, 145 timeout) and, for a timeout action, the member update.
 */
export function triggerAutoMod(
  ctx: ActionContext,
  guildId: string,
  input: AutoModTriggerInput,
): GatewayAutoModerationActionExecutionDispatchData[] {
  const guild = ctx.world.guild(guildId);
  const rule = guild.autoModRules.get(input.ruleId);
  if (!rule) throw new DiscordApiError(404, 10066, 'Unknown auto moderation rule');
  const member = ctx.world.member(guild, input.userId);
  ctx.world.channel(input.channelId);
  const blocked = rule.actions.some((a) => a.type === AutoModerationActionType.BlockMessage);
  // A blocked message never exists; otherwise the message is posted and the execution names it.
  const messageId = blocked ? undefined : ctx.ids.next();
  const sent: GatewayAutoModerationActionExecutionDispatchData[] = [];
  for (const action of rule.actions) {
    const alertId = action.type === AutoModerationActionType.SendAlertMessage ? ctx.ids.next() : undefined;
    const data: GatewayAutoModerationActionExecutionDispatchData = {
      guild_id: guildId,
      action,
      rule_id: rule.id,
      rule_trigger_type: rule.trigger_type,
      user_id: input.userId,
      channel_id: input.channelId,
      ...(messageId ? { message_id: messageId } : {}),
      ...(alertId ? { alert_system_message_id: alertId } : {}),
      content: input.content,
      matched_keyword: input.matchedKeyword,
      matched_content: input.matchedKeyword,
    };
    const auditType =
      action.type === AutoModerationActionType.BlockMessage
        ? AuditLogEvent.AutoModerationBlockMessage
        : action.type === AutoModerationActionType.SendAlertMessage
          ? AuditLogEvent.AutoModerationFlagToChannel
          : action.type === AutoModerationActionType.Timeout
            ? AuditLogEvent.AutoModerationUserCommunicationDisabled
            : null;
    const emit = () => {
      if (action.type === AutoModerationActionType.Timeout && action.metadata?.duration_seconds) {
        member.communicationDisabledUntil = new Date(
          ctx.clock.now() + action.metadata.duration_seconds * 1000,
        ).toISOString();
        dispatchMemberUpdate(ctx, guild, member);
      }
      ctx.gateway.dispatch(guildId, GatewayDispatchEvents.AutoModerationActionExecution, data, {
        withoutContent: () => ({ ...data, content: '', matched_content: null }),
      });
    };
    let entry: APIAuditLogEntry | null = null;
    if (auditType === null) emit();
    else
      entry = emitWithAudit(
        ctx,
        guild,
        {
          action_type: auditType,
          target_id: input.userId,
          user_id: input.userId,
          options: {
            auto_moderation_rule_name: rule.name,
            auto_moderation_rule_trigger_type: String(rule.trigger_type) as never,
            channel_id: input.channelId,
          },
        },
        emit,
      );
    const timedOut = action.type === AutoModerationActionType.Timeout && action.metadata?.duration_seconds;
    ctx.truth.moderation(guildId, {
      kind: 'automod',
      userId: input.userId,
      channelId: input.channelId,
      ruleId: rule.id,
      ruleName: rule.name,
      action: AUTOMOD_ACTIONS[action.type],
      keyword: input.matchedKeyword,
      until: timedOut ? member.communicationDisabledUntil : null,
      moderatorId: null,
      reason: null,
      audit: entry ? 'entry' : 'none',
      auditEntryId: entry?.id ?? null,
    });
    sent.push(data);
  }
  return sent;
}
