import type { Actor } from '@guildscope/contracts';
import { Command } from '@nestjs/cqrs';

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

/** Turn a module on, with `config` (validated) or, when omitted, the config kept from its last disable. */
export class EnableModule extends Command<ModuleConfigCommandResult> {
  constructor(readonly input: ModuleCommandInput & { readonly config?: unknown }) {
    super();
  }
}

/** Turn a module off; its config is kept for a later enable. */
export class DisableModule extends Command<ModuleConfigCommandResult> {
  constructor(readonly input: ModuleCommandInput) {
    super();
  }
}

/**
 * Replace an enabled module's complete config (validated by the module's schema). With `enable: true`
 * a disabled or never-enabled module is enabled with this config instead of being refused.
 */
export class UpdateModuleConfig extends Command<ModuleConfigCommandResult> {
  constructor(readonly input: ModuleCommandInput & { readonly config: unknown; readonly enable?: boolean }) {
    super();
  }
}

/** Disable a module and erase its config. */
export class ResetModule extends Command<ModuleConfigCommandResult> {
  constructor(readonly input: ModuleCommandInput) {
    super();
  }
}
