import type { GuildMember, Message } from 'discord.js';
import type { Logger } from 'pino';

/** A live bot module (seed 004): configs arrive through the gateway's config feed. */
export interface BotModule<C = unknown> {
  readonly id: string;
  onEnable(guildId: string, config: C): Promise<void>;
  onDisable(guildId: string): Promise<void>;
  onConfigUpdate(guildId: string, config: C): Promise<void>;
  onMemberAdd?(member: GuildMember): Promise<void>;
  onMessage?(message: Message<true>): Promise<void>;
}

/** A module state as the config feed describes it (snapshot entry or change). */
export interface ModuleState {
  guildId: string;
  moduleId: string;
  enabled: boolean;
  config?: unknown;
}

/**
 * Routes config changes to modules (enable / disable / update) and Discord events to the modules
 * enabled for that guild. Keeps which (guild, module) pairs are enabled, so a snapshot reconciles:
 * modules missing from it are disabled.
 */
export class ModuleRuntime {
  private readonly modules = new Map<string, BotModule>();
  private readonly enabled = new Map<string, Set<string>>(); // moduleId -> guildIds

  constructor(private readonly logger: Logger) {}

  register(module: BotModule): void {
    this.modules.set(module.id, module);
    this.enabled.set(module.id, new Set());
  }

  isEnabled(guildId: string, moduleId: string): boolean {
    return this.enabled.get(moduleId)?.has(guildId) ?? false;
  }

  /** Applies one module's new state for a guild, calling the right lifecycle hook. */
  async apply(state: ModuleState): Promise<void> {
    const module = this.modules.get(state.moduleId);
    const guilds = this.enabled.get(state.moduleId);
    if (!module || !guilds) {
      this.logger.warn(
        { component: 'modules', moduleId: state.moduleId },
        'change for an unknown module ignored',
      );
      return;
    }
    const was = guilds.has(state.guildId);
    if (state.enabled && state.config !== undefined) {
      if (was) await module.onConfigUpdate(state.guildId, state.config);
      else await module.onEnable(state.guildId, state.config);
      guilds.add(state.guildId);
    } else if (!state.enabled && was) {
      await module.onDisable(state.guildId);
      guilds.delete(state.guildId);
    }
    this.logger.info(
      { component: 'modules', guildId: state.guildId, moduleId: state.moduleId, enabled: state.enabled },
      'module state applied',
    );
  }

  /** Applies a full snapshot: every listed state, and disables what the snapshot no longer lists. */
  async applySnapshot(states: readonly ModuleState[], guildScope?: ReadonlySet<string>): Promise<void> {
    const listed = new Set(states.map((s) => `${s.moduleId}:${s.guildId}`));
    for (const [moduleId, guilds] of this.enabled) {
      for (const guildId of [...guilds]) {
        if (guildScope && !guildScope.has(guildId)) continue;
        if (!listed.has(`${moduleId}:${guildId}`)) await this.apply({ guildId, moduleId, enabled: false });
      }
    }
    for (const s of states) await this.apply(s);
  }

  async onMemberAdd(member: GuildMember): Promise<void> {
    for (const m of this.modules.values()) {
      if (m.onMemberAdd && this.isEnabled(member.guild.id, m.id)) {
        await m.onMemberAdd(member).catch((err) => this.fail(m.id, err));
      }
    }
  }

  onMessage(message: Message<true>): void {
    for (const m of this.modules.values()) {
      if (m.onMessage && this.isEnabled(message.guildId, m.id)) {
        m.onMessage(message).catch((err) => this.fail(m.id, err));
      }
    }
  }

  private fail(moduleId: string, err: unknown): void {
    this.logger.error({ component: 'modules', moduleId, err: String(err) }, 'module handler failed');
  }
}
