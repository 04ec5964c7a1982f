import type { z } from 'zod';
import { inspectJson } from '../json-guard.js';
import { MAX_MODULE_CONFIG_BYTES } from '../limits.js';
import { safeParseWith, type ValidationIssue } from '../validation.js';
import { automodConfigSchema } from './automod-config.schema.js';
import { type ModuleId, moduleIdSchema } from './module-id.js';
import { welcomeConfigSchema } from './welcome-config.schema.js';

/** The configuration schema of each module. */
export const moduleConfigSchemas = {
  welcome: welcomeConfigSchema,
  automod: automodConfigSchema,
} as const satisfies Record<ModuleId, z.ZodType>;

/** The configuration of module `M`, e.g. `ModuleConfig<'welcome'>`. */
export type ModuleConfig<M extends ModuleId = ModuleId> = z.infer<(typeof moduleConfigSchemas)[M]>;

/** Result of {@link parseModuleConfig}. */
export type ModuleConfigParseResult<M extends ModuleId = ModuleId> =
  | { ok: true; moduleId: M; config: ModuleConfig<M> }
  | { ok: false; errors: ValidationIssue[] };

/**
 * Validates a module configuration (a dashboard mutation, an `UpdateModuleConfig` command). An unknown
 * module is reported at path `moduleId`; config issues at their path inside the config (`rules[0].words`).
 * Refuses non-JSON input and configs over {@link MAX_MODULE_CONFIG_BYTES}. Never throws.
 */
export function parseModuleConfig<M extends ModuleId>(
  moduleId: M,
  input: unknown,
): ModuleConfigParseResult<M>;
export function parseModuleConfig(moduleId: unknown, input: unknown): ModuleConfigParseResult;
export function parseModuleConfig(moduleId: unknown, input: unknown): ModuleConfigParseResult {
  const id = moduleIdSchema.safeParse(moduleId);
  if (!id.success) {
    const shown = typeof moduleId === 'string' ? ` ${JSON.stringify(moduleId.slice(0, 64))}` : '';
    return {
      ok: false,
      errors: [
        {
          path: 'moduleId',
          message: `unknown module${shown}: expected one of ${moduleIdSchema.options.join(', ')}`,
        },
      ],
    };
  }
  const inspection = inspectJson(input, { maxBytes: MAX_MODULE_CONFIG_BYTES });
  if (!inspection.ok) {
    return {
      ok: false,
      errors: [
        inspection.reason === 'too-large'
          ? { path: '', message: `config larger than the limit of ${MAX_MODULE_CONFIG_BYTES} bytes of JSON` }
          : inspection.issue,
      ],
    };
  }
  const result = safeParseWith(moduleConfigSchemas[id.data] as z.ZodType, input);
  return result.ok ? { ok: true, moduleId: id.data, config: result.value as ModuleConfig } : result;
}
