import {
  type Actor as ContractActor,
  type ModuleConfigsSnapshot,
  moduleIdSchema,
  ValidationError,
} from '@guildscope/contracts';
import {
  DisableModule,
  EnableModule,
  GetModuleConfigs,
  type ModuleConfigCommandMessage,
  type ModuleConfigCommandResult,
  type ModuleConfigFeed,
  ResetModule,
  UpdateModuleConfig,
  type WriteSide,
} from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { Actor, ModuleConfigChange, ModuleConfigPort, ModuleConfigView } from './module-config.port.js';

/**
 * The API's module-config port over the write side (NestJS CQRS buses): queries through GetModuleConfigs,
 * changes through the four commands (the write side checks expectedVersion and validates configs), live
 * changes from its change feed (woken at once by commands of the same write side).
 */
export class WriteSideModuleConfig implements ModuleConfigPort {
  private feed: ModuleConfigFeed | null = null;
  private readonly listeners = new Set<(change: ModuleConfigChange) => void>();

  constructor(
    private readonly writeSide: WriteSide,
    private readonly logger: Logger,
  ) {}

  async list(guildId: string): Promise<ModuleConfigView[]> {
    const snapshot: ModuleConfigsSnapshot = await this.writeSide.queryBus.execute(
      new GetModuleConfigs([guildId]),
    );
    const guild = snapshot.guilds[0];
    const version = guild?.version ?? 0;
    const configured = new Map((guild?.modules ?? []).map((m) => [m.moduleId as string, m]));
    return moduleIdSchema.options.map((module) => {
      const m = configured.get(module);
      return { guildId, module, enabled: m?.enabled ?? false, config: m?.config ?? null, version };
    });
  }

  async get(guildId: string, module: string): Promise<ModuleConfigView> {
    const known = moduleIdSchema.safeParse(module);
    if (!known.success) {
      throw new ValidationError(`Unknown module "${module.slice(0, 64)}"`, [
        { path: 'module', message: `expected one of ${moduleIdSchema.options.join(', ')}` },
      ]);
    }
    const all = await this.list(guildId);
    return all.find((m) => m.module === module) as ModuleConfigView;
  }

  async enable(guildId: string, module: string, expectedVersion: number, config: unknown, actor: Actor) {
    const input = { guildId, moduleId: module, expectedVersion, actor: toActor(actor) };
    await this.run(new EnableModule(config === undefined ? input : { ...input, config }));
    return this.get(guildId, module);
  }

  async disable(guildId: string, module: string, expectedVersion: number, actor: Actor) {
    await this.run(new DisableModule({ guildId, moduleId: module, expectedVersion, actor: toActor(actor) }));
    return this.get(guildId, module);
  }

  async update(guildId: string, module: string, expectedVersion: number, config: unknown, actor: Actor) {
    await this.run(
      new UpdateModuleConfig({ guildId, moduleId: module, expectedVersion, config, actor: toActor(actor) }),
    );
    return this.get(guildId, module);
  }

  async reset(guildId: string, module: string, expectedVersion: number, actor: Actor) {
    await this.run(new ResetModule({ guildId, moduleId: module, expectedVersion, actor: toActor(actor) }));
    return this.get(guildId, module);
  }

  private run(command: ModuleConfigCommandMessage): Promise<ModuleConfigCommandResult> {
    return this.writeSide.commandBus.execute(command);
  }

  onChange(listener: (change: ModuleConfigChange) => void): () => void {
    this.listeners.add(listener);
    if (!this.feed) void this.follow();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.feed?.stop();
        this.feed = null;
      }
    };
  }

  /** Follows the change feed from the current head (history is what the queries return). */
  private async follow(): Promise<void> {
    const head = await this.writeSide.eventStore.headPosition();
    if (this.listeners.size === 0 || this.feed) return;
    const feed = this.writeSide.configChanges(head ? { after: head } : {});
    this.feed = feed;
    try {
      for await (const item of feed) {
        const change = { guildId: item.change.guildId, module: item.change.moduleId as string };
        for (const listener of [...this.listeners]) listener(change);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'module-config change feed failed; module subscriptions stopped');
    }
  }
}

function toActor(actor: Actor): ContractActor {
  return { type: 'api-token', id: actor.tokenId };
}
