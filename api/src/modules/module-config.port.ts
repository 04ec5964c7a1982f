/**
 * What the API needs from the write side's ModuleConfig slice: its config queries, its four commands
 * (with expectedVersion; errors are the write side's domain errors, mapped by formatError) and its change
 * feed for subscriptions. `write-side-module-config.adapter.ts` implements it over the write side.
 */
export interface ModuleConfigView {
  readonly guildId: string;
  readonly module: string;
  readonly enabled: boolean;
  readonly config: unknown;
  /** Version of the guild's config aggregate (shared by its modules). */
  readonly version: number;
}

/** Who asked for a change (recorded in the event metadata by the write side). */
export interface Actor {
  readonly tokenId: string;
}

export interface ModuleConfigChange {
  readonly guildId: string;
  readonly module: string;
}

export interface ModuleConfigPort {
  /** Every known module for the guild, defaults for those never configured. */
  list(guildId: string): Promise<ModuleConfigView[]>;
  /** One module; throws a validation error for an unknown module name. */
  get(guildId: string, module: string): Promise<ModuleConfigView>;
  enable(
    guildId: string,
    module: string,
    expectedVersion: number,
    config: unknown | undefined,
    actor: Actor,
  ): Promise<ModuleConfigView>;
  disable(guildId: string, module: string, expectedVersion: number, actor: Actor): Promise<ModuleConfigView>;
  update(
    guildId: string,
    module: string,
    expectedVersion: number,
    config: unknown,
    actor: Actor,
  ): Promise<ModuleConfigView>;
  reset(guildId: string, module: string, expectedVersion: number, actor: Actor): Promise<ModuleConfigView>;
  /** Calls `listener` after each committed change, in commit order. Returns an unsubscribe function. */
  onChange(listener: (change: ModuleConfigChange) => void): () => void;
}
