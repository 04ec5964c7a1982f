import {
  type AutoModerationActionEventData,
  MAX_CONTENT_LENGTH,
  MAX_EXCERPT_LENGTH,
} from '@guildscope/contracts';
import {
  type AutoModerationActionExecution,
  AutoModerationActionType,
  AutoModerationRuleTriggerType,
} from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent, defined } from '../bot-event.builder.js';

const TRIGGERS: Record<number, AutoModerationActionEventData['ruleTriggerType']> = {
  [AutoModerationRuleTriggerType.Keyword]: 'keyword',
  [AutoModerationRuleTriggerType.Spam]: 'spam',
  [AutoModerationRuleTriggerType.KeywordPreset]: 'keyword_preset',
  [AutoModerationRuleTriggerType.MentionSpam]: 'mention_spam',
  [AutoModerationRuleTriggerType.MemberProfile]: 'member_profile',
};
const ACTIONS: Record<number, AutoModerationActionEventData['action']['type']> = {
  [AutoModerationActionType.BlockMessage]: 'block_message',
  [AutoModerationActionType.SendAlertMessage]: 'send_alert_message',
  [AutoModerationActionType.Timeout]: 'timeout',
  [AutoModerationActionType.BlockMemberInteraction]: 'block_member_interaction',
};

/** AUTO_MODERATION_ACTION_EXECUTION: Discord's own AutoMod acted (needs the AutoModerationExecution intent). */
export function onAutoModerationActionExecution(ctx: BotContext, x: AutoModerationActionExecution): void {
  const rule = x.autoModerationRule;
  const meta = x.action.metadata as {
    channelId?: string | null;
    durationSeconds?: number | null;
    customMessage?: string | null;
  };
  ctx.emit(
    botEvent(
      'AUTO_MODERATION_ACTION_EXECUTION',
      x.guild.id,
      {
        ruleId: x.ruleId,
        ruleName: rule?.name || undefined,
        ruleTriggerType: TRIGGERS[x.ruleTriggerType] ?? 'unknown',
        action: defined({
          type: ACTIONS[x.action.type] ?? 'unknown',
          channelId: meta.channelId ?? undefined,
          durationSeconds: meta.durationSeconds ?? undefined,
          customMessage: meta.customMessage ?? undefined,
        }),
        userId: x.userId,
        username: x.user?.username ?? x.member?.user.username ?? undefined,
        channelId: x.channelId ?? undefined,
        messageId: x.messageId ?? undefined,
        alertSystemMessageId: x.alertSystemMessageId ?? undefined,
        content: x.content ? x.content.slice(0, MAX_CONTENT_LENGTH) : undefined,
        matchedKeyword: x.matchedKeyword?.slice(0, MAX_EXCERPT_LENGTH) ?? undefined,
        matchedContent: x.matchedContent?.slice(0, MAX_EXCERPT_LENGTH) ?? undefined,
      },
      ctx.now(),
      defined({ userId: x.userId, channelId: x.channelId ?? undefined, messageId: x.messageId ?? undefined }),
    ),
  );
}
