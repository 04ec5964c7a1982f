import type { BotEventDto, ModuleConfig } from '@guildscope/contracts';
import { type Client, type Message, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { botEvent } from '../../bot-event.builder.js';
import type { BotModule } from '../module-runtime.js';
import { type AutomodRule, evaluateAutomod } from './automod-rules.js';

/** The contracts' `automod` config, as the config feed delivers it. */
export type AutomodModuleConfig = ModuleConfig<'automod'>;

export function normaliseRules(config: AutomodModuleConfig): AutomodRule[] {
  const out: AutomodRule[] = [];
  for (const r of config.rules) {
    if (!r.enabled) continue;
    const base = {
      id: r.id,
      actions: {
        delete: r.actions.includes('delete'),
        timeoutSeconds: r.actions.includes('timeout') ? (r.timeoutSeconds ?? 60) : null,
      },
      exemptRoleIds: r.exemptRoleIds ?? [],
      exemptChannelIds: r.exemptChannelIds ?? [],
    };
    if (r.type === 'banned_words') out.push({ ...base, type: 'banned_words', words: r.words });
    else if (r.type === 'invite_links') out.push({ ...base, type: 'invite_links' });
    else out.push({ ...base, type: 'mention_spam', maxMentions: r.maxMentions });
  }
  return out;
}

/**
 * `automod`: banned words, invite links, mention spam -> delete and/or timeout through REST; every
 * action is recorded as a BOT_AUTOMOD_ACTION event, with the actions Discord refused in `failedActions`.
 */
export class AutomodModule implements BotModule<AutomodModuleConfig> {
  readonly id = 'automod';
  private readonly rules = new Map<string, AutomodRule[]>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly emit: (event: BotEventDto) => void,
    private readonly now: () => number,
    /** Records messages this bot deletes, so MESSAGE_DELETE names the bot with certainty. */
    private readonly deletedByBot: Map<string, number>,
  ) {}

  async onEnable(guildId: string, config: AutomodModuleConfig): Promise<void> {
    this.rules.set(guildId, normaliseRules(config));
  }

  async onDisable(guildId: string): Promise<void> {
    this.rules.delete(guildId);
  }

  async onConfigUpdate(guildId: string, config: AutomodModuleConfig): Promise<void> {
    this.rules.set(guildId, normaliseRules(config));
  }

  async onMessage(message: Message<true>): Promise<void> {
    const rules = this.rules.get(message.guildId);
    if (!rules || rules.length === 0) return;
    const mentionCount =
      message.mentions.users.size + message.mentions.roles.size + (message.mentions.everyone ? 1 : 0);
    const hit = evaluateAutomod(rules, {
      content: message.content ?? '',
      channelId: message.channelId,
      authorRoleIds: message.member ? [...message.member.roles.cache.keys()] : [],
      mentionCount,
    });
    if (!hit) return;
    const { rule } = hit;
    const actions: Array<'delete' | 'timeout'> = [];
    const failed: Array<'delete' | 'timeout'> = [];
    const reason = `automod rule ${rule.id} (${rule.type})`;
    if (rule.actions.delete) {
      actions.push('delete');
      this.deletedByBot.set(message.id, this.now());
      try {
        await this.client.rest.delete(Routes.channelMessage(message.channelId, message.id), { reason });
      } catch (err) {
        this.deletedByBot.delete(message.id);
        failed.push('delete');
        this.logger.warn({ component: 'automod', err: String(err), messageId: message.id }, 'delete refused');
      }
    }
    if (rule.actions.timeoutSeconds !== null) {
      actions.push('timeout');
      const until = new Date(this.now() + rule.actions.timeoutSeconds * 1000).toISOString();
      try {
        await this.client.rest.patch(Routes.guildMember(message.guildId, message.author.id), {
          body: { communication_disabled_until: until },
          reason,
        });
      } catch (err) {
        failed.push('timeout');
        this.logger.warn(
          { component: 'automod', err: String(err), userId: message.author.id },
          'timeout refused',
        );
      }
    }
    this.emit(
      botEvent(
        'BOT_AUTOMOD_ACTION',
        message.guildId,
        {
          ruleId: rule.id,
          ruleType: rule.type,
          userId: message.author.id,
          username: message.author.username,
          channelId: message.channelId,
          messageId: message.id,
          actions,
          ...(failed.length ? { failedActions: failed } : {}),
          ...(rule.actions.timeoutSeconds !== null ? { timeoutSeconds: rule.actions.timeoutSeconds } : {}),
          matched: hit.matched,
          reason,
        },
        this.now(),
        { userId: message.author.id, channelId: message.channelId, messageId: message.id },
      ),
    );
  }
}
