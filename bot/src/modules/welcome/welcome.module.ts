import type { ModuleConfig } from '@guildscope/contracts';
import { type Client, type GuildMember, Routes } from 'discord.js';
import type { Logger } from 'pino';
import type { BotModule } from '../module-runtime.js';
import { renderWelcomeTemplate } from './welcome-template.js';

/** The contracts' `welcome` config, as the config feed delivers it. */
export type WelcomeModuleConfig = ModuleConfig<'welcome'>;

/** `welcome`: posts the templated message in the configured channel when a member joins. */
export class WelcomeModule implements BotModule<WelcomeModuleConfig> {
  readonly id = 'welcome';
  private readonly configs = new Map<string, WelcomeModuleConfig>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
  ) {}

  async onEnable(guildId: string, config: WelcomeModuleConfig): Promise<void> {
    this.configs.set(guildId, config);
  }

  async onDisable(guildId: string): Promise<void> {
    this.configs.delete(guildId);
  }

  async onConfigUpdate(guildId: string, config: WelcomeModuleConfig): Promise<void> {
    this.configs.set(guildId, config);
  }

  getConfig(guildId: string): WelcomeModuleConfig | undefined {
    return this.configs.get(guildId);
  }

  async onMemberAdd(member: GuildMember): Promise<void> {
    const config = this.configs.get(member.guild.id);
    if (!config) return;
    const mention = config.mentionUser !== false;
    let content = renderWelcomeTemplate(config.message, {
      userId: member.id,
      serverName: member.guild.name,
      memberCount: member.guild.memberCount,
    });
    if (!mention) content = content.replaceAll(`<@${member.id}>`, member.user.username);
    await this.client.rest.post(Routes.channelMessages(config.channelId), {
      body: { content, allowed_mentions: { users: mention ? [member.id] : [] } },
    });
    this.logger.info(
      { component: 'welcome', guildId: member.guild.id, userId: member.id },
      'welcome message posted',
    );
  }
}
