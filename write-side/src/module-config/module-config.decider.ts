import {
  type Actor,
  actorSchema,
  formatIssues,
  isSnowflake,
  joinPath,
  type ModuleConfig,
  type ModuleConfigEvent,
  type ModuleId,
  moduleIdSchema,
  parseModuleConfig,
  RuleViolationError,
  ValidationError,
  type ValidationIssue,
} from '@guildscope/contracts';

/**
 * The `ModuleConfig` aggregate of one guild (stream `module-config-<guildId>`), as a pure decider:
 * `decide(command, state)` returns the events a command produces or throws a domain error;
 * `evolve(state, event)` folds one event. No I/O, no clock: the actor and the time come in the command.
 *
 * Rules:
 * - `EnableModule` on an enabled module is refused (`MODULE_ALREADY_ENABLED`). Without a config it
 *   re-enables the config kept at the last disable; a module that never had one needs a config
 *   (`MODULE_CONFIG_REQUIRED`).
 * - `DisableModule` on a module that is not enabled is refused (`MODULE_NOT_ENABLED`). The config is kept.
 * - `UpdateModuleConfig` carries the complete config, validated by the module's schema (invalid ->
 *   `ValidationError` with the schema's messages). It applies to an enabled module only; for a disabled or
 *   never-enabled module it is refused (`MODULE_NOT_ENABLED`) unless `enable: true`, which enables the
 *   module with that config (one `ModuleEnabled`). Rationale: every `config_updated` the bots receive
 *   then concerns a running module, and enabling is always an explicit choice. The same config as the
 *   current one decides nothing (no event, version unchanged).
 * - `ResetModule` disables the module and erases its config (`ModuleReset`); a module that has nothing
 *   (never enabled, or already reset) is refused (`MODULE_NOT_CONFIGURED`).
 * `expectedVersion` is checked by the command handler against the stream, not here.
 */

/** One module in a guild. Modules absent from the state were never enabled (or were reset). */
export interface ModuleState {
  readonly enabled: boolean;
  readonly config: ModuleConfig;
}

export interface ModuleConfigState {
  /** Events folded so far: 0 for a guild with no config stream. The `expectedVersion` callers pass. */
  readonly version: number;
  readonly modules: Readonly<Partial<Record<ModuleId, ModuleState>>>;
}

interface CommandBase {
  readonly guildId: string;
  /** A module id; checked here because it comes from outside (dashboard, API). */
  readonly moduleId: string;
  readonly actor: Actor;
  /** When the command is decided; recorded as the events' `at`. */
  readonly at: Date;
}

export type ModuleConfigCommand =
  | { readonly type: 'EnableModule'; readonly data: CommandBase & { readonly config?: unknown } }
  | { readonly type: 'DisableModule'; readonly data: CommandBase }
  | {
      readonly type: 'UpdateModuleConfig';
      readonly data: CommandBase & { readonly config: unknown; readonly enable?: boolean };
    }
  | { readonly type: 'ResetModule'; readonly data: CommandBase };

export function initialState(): ModuleConfigState {
  return { version: 0, modules: {} };
}

export function decide(command: ModuleConfigCommand, state: ModuleConfigState): ModuleConfigEvent[] {
  const { guildId, moduleId, actor, at } = checkCommon(command.data);
  const current = state.modules[moduleId];
  const base = { guildId, actor, at: at.toISOString() };
  switch (command.type) {
    case 'EnableModule': {
      if (current?.enabled)
        throw new RuleViolationError(
          'MODULE_ALREADY_ENABLED',
          `Module "${moduleId}" is already enabled on guild ${guildId}; to change its config, update it`,
        );
      const given = command.data.config;
      let config: ModuleConfig;
      if (given !== undefined) config = checkConfig(moduleId, given);
      else if (current) config = current.config;
      else
        throw new ValidationError(
          `Module "${moduleId}" was never configured on guild ${guildId}: enabling it needs a config`,
          [{ path: 'config', message: 'required: the module has no previous config' }],
          'MODULE_CONFIG_REQUIRED',
        );
      return [enabled(base, moduleId, config)];
    }
    case 'DisableModule': {
      if (!current?.enabled)
        throw new RuleViolationError(
          'MODULE_NOT_ENABLED',
          current
            ? `Module "${moduleId}" is already disabled on guild ${guildId}`
            : `Module "${moduleId}" was never enabled on guild ${guildId}: there is nothing to disable`,
        );
      return [{ type: 'ModuleDisabled', data: { ...base, moduleId } }];
    }
    case 'UpdateModuleConfig': {
      const config = checkConfig(moduleId, command.data.config);
      if (current?.enabled) {
        if (sameJson(current.config, config)) return [];
        return [{ type: 'ModuleConfigUpdated', data: { ...base, moduleId, config } } as ModuleConfigEvent];
      }
      if (command.data.enable === true) return [enabled(base, moduleId, config)];
      throw new RuleViolationError(
        'MODULE_NOT_ENABLED',
        current
          ? `Module "${moduleId}" is disabled on guild ${guildId}: enable it (or update with enable: true) before changing its config`
          : `Module "${moduleId}" was never enabled on guild ${guildId}: enable it with a config (or update with enable: true)`,
      );
    }
    case 'ResetModule': {
      if (!current)
        throw new RuleViolationError(
          'MODULE_NOT_CONFIGURED',
          `Module "${moduleId}" has no config on guild ${guildId}: there is nothing to reset`,
        );
      return [{ type: 'ModuleReset', data: { ...base, moduleId } }];
    }
    default: {
      const unhandled: never = command;
      throw new ValidationError(
        `Unknown module-config command ${JSON.stringify((unhandled as { type: unknown }).type)}`,
      );
    }
  }
}

export function evolve(state: ModuleConfigState, event: ModuleConfigEvent): ModuleConfigState {
  const moduleId = event.data.moduleId;
  const modules = { ...state.modules };
  switch (event.type) {
    case 'ModuleEnabled':
    case 'ModuleConfigUpdated':
      modules[moduleId] = { enabled: true, config: event.data.config };
      break;
    case 'ModuleDisabled': {
      const current = modules[moduleId];
      // A disable without a known config cannot be produced by decide; keep the state consistent anyway.
      if (current) modules[moduleId] = { enabled: false, config: current.config };
      break;
    }
    case 'ModuleReset':
      delete modules[moduleId];
      break;
    default: {
      const unhandled: never = event;
      throw new TypeError(
        `Unknown module-config event ${JSON.stringify((unhandled as { type: unknown }).type)}`,
      );
    }
  }
  return { version: state.version + 1, modules };
}

/** Folds a stream's events from the initial state. */
export function foldModuleConfig(events: Iterable<ModuleConfigEvent>): ModuleConfigState {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
}

function enabled(
  base: { guildId: string; actor: Actor; at: string },
  moduleId: ModuleId,
  config: ModuleConfig,
) {
  return { type: 'ModuleEnabled', data: { ...base, moduleId, config } } as ModuleConfigEvent;
}

function checkCommon(data: CommandBase): { guildId: string; moduleId: ModuleId; actor: Actor; at: Date } {
  const issues: ValidationIssue[] = [];
  if (!isSnowflake(data.guildId))
    issues.push({ path: 'guildId', message: 'expected a Discord snowflake: a 17-20 digit numeric string' });
  const moduleId = moduleIdSchema.safeParse(data.moduleId);
  if (!moduleId.success)
    issues.push({
      path: 'moduleId',
      message: `unknown module ${JSON.stringify(String(data.moduleId).slice(0, 64))}: expected one of ${moduleIdSchema.options.join(', ')}`,
    });
  const actor = actorSchema.safeParse(data.actor);
  if (!actor.success)
    for (const issue of actor.error.issues)
      issues.push({ path: ['actor', ...issue.path].join('.'), message: issue.message });
  if (!(data.at instanceof Date) || Number.isNaN(data.at.getTime()))
    issues.push({ path: 'at', message: 'expected a valid Date' });
  if (issues.length > 0 || !moduleId.success || !actor.success)
    throw new ValidationError(`Invalid module-config command: ${formatIssues(issues)}`, issues);
  return { guildId: data.guildId, moduleId: moduleId.data, actor: actor.data, at: data.at };
}

function checkConfig(moduleId: ModuleId, input: unknown): ModuleConfig {
  const result = parseModuleConfig(moduleId, input);
  if (result.ok) return result.config;
  const issues = result.errors.map((e) => ({ path: joinPath('config', e.path), message: e.message }));
  throw new ValidationError(
    `Invalid ${moduleId} config: ${formatIssues(result.errors)}`,
    issues,
    'INVALID_MODULE_CONFIG',
  );
}

/** Configs come out of the same zod schema, so equal configs serialise identically (key order included). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
