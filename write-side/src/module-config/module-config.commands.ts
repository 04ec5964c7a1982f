import type { Actor } from '@guildscope/contracts';
import { Command } from '@nestjs/cqrs';
import type { ModuleConfigCommand } from './module-config.decider.js';

/** Outcome of a module-config command. */
export interface ModuleConfigCommandResult {
  readonly guildId: string;
  /** The aggregate's version after the command (pass it as the next `expectedVersion`). */
  readonly version: number;
  /** Event types appended, in order; empty when the command changed nothing (same config). */
  readonly events: readonly string[];
  /** Global position of the last appended event (as in `module:change`), or null when nothing was appended. */
  readonly position: string | null;
}

interface ModuleCommandInput {
  readonly guildId: string;
  readonly moduleId: string;
  /** Who asks: recorded in the events. */
  readonly actor: Actor;
  /**
   * The version the caller read (from the config query). When given and stale, the command fails with a
   * `ConflictError` carrying the current version. When omitted the command applies to the latest state.
   */
  readonly expectedVersion?: number;
}

/**
 * A module-config command on the CQRS bus. The four commands below are its only subclasses, and one
 * handler (`ModuleConfigCommandsHandler`) is registered for this base class: the bus finds it through
 * the subclass's prototype chain.
 */
export abstract class ModuleConfigCommandMessage<
  C extends ModuleConfigCommand = ModuleConfigCommand,
> extends Command<ModuleConfigCommandResult> {
  protected constructor(
    readonly type: C['type'],
    readonly input: ModuleCommandInput & Omit<C['data'], 'at' | keyof ModuleCommandInput>,
  ) {
    super();
  }

  /** The decider's command, decided at `at`. */
  toDecision(at: Date): C {
    return { type: this.type, data: { ...this.input, at } } as C;
  }
}

type Of<T extends ModuleConfigCommand['type']> = Extract<ModuleConfigCommand, { type: T }>;

/** Turn a module on, with `config` (validated) or, when omitted, the config kept from its last disable. */
export class EnableModule extends ModuleConfigCommandMessage<Of<'EnableModule'>> {
  constructor(input: ModuleCommandInput & { readonly config?: unknown }) {
    super('EnableModule', input);
  }
}

/** Turn a module off; its config is kept for a later enable. */
export class DisableModule extends ModuleConfigCommandMessage<Of<'DisableModule'>> {
  constructor(input: ModuleCommandInput) {
    super('DisableModule', input);
  }
}

/**
 * Replace an enabled module's complete config (validated by the module's schema). With `enable: true`
 * a disabled or never-enabled module is enabled with this config instead of being refused.
 */
export class UpdateModuleConfig extends ModuleConfigCommandMessage<Of<'UpdateModuleConfig'>> {
  constructor(input: ModuleCommandInput & { readonly config: unknown; readonly enable?: boolean }) {
    super('UpdateModuleConfig', input);
  }
}

/** Disable a module and erase its config. */
export class ResetModule extends ModuleConfigCommandMessage<Of<'ResetModule'>> {
  constructor(input: ModuleCommandInput) {
    super('ResetModule', input);
  }
}
