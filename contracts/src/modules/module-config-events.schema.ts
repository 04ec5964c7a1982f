import { z } from 'zod';
import { isoDateTimeSchema, snowflakeSchema } from '../primitives.js';
import { type ParseResult, safeParseWith } from '../validation.js';
import { actorSchema } from './actor.schema.js';
import { automodConfigSchema } from './automod-config.schema.js';
import { moduleIdSchema } from './module-id.js';
import { welcomeConfigSchema } from './welcome-config.schema.js';

/** Names of the events of a `module-config-<guildId>` stream. */
export const moduleConfigEventTypes = [
  'ModuleEnabled',
  'ModuleDisabled',
  'ModuleConfigUpdated',
  'ModuleReset',
] as const;
/** An event type of a `module-config-<guildId>` stream. */
export type ModuleConfigEventType = (typeof moduleConfigEventTypes)[number];

/** Fields of every module-config event: the guild, who did it (`actor`) and when (`at`, ISO). */
const baseShape = { guildId: snowflakeSchema, actor: actorSchema, at: isoDateTimeSchema };

/** `data` carrying a module's complete config, typed by `moduleId`. */
const withConfig = () =>
  z.discriminatedUnion(
    'moduleId',
    [
      z.strictObject({ ...baseShape, moduleId: z.literal('welcome'), config: welcomeConfigSchema }),
      z.strictObject({ ...baseShape, moduleId: z.literal('automod'), config: automodConfigSchema }),
    ],
    { error: 'unknown module: expected "welcome" or "automod"' },
  );
const withoutConfig = () => z.strictObject({ ...baseShape, moduleId: moduleIdSchema });

/** `ModuleEnabled`: the module is on, with this config. */
export const moduleEnabledSchema = z.strictObject({ type: z.literal('ModuleEnabled'), data: withConfig() });
/** `ModuleDisabled`: the module is off; its config is kept for a later enable. */
export const moduleDisabledSchema = z.strictObject({
  type: z.literal('ModuleDisabled'),
  data: withoutConfig(),
});
/** `ModuleConfigUpdated`: the module's complete new config. */
export const moduleConfigUpdatedSchema = z.strictObject({
  type: z.literal('ModuleConfigUpdated'),
  data: withConfig(),
});
/** `ModuleReset`: the module is off and its config erased. */
export const moduleResetSchema = z.strictObject({ type: z.literal('ModuleReset'), data: withoutConfig() });

/** Any event of a `module-config-<guildId>` stream, as `{ type, data }` (metadata is the store's). */
export const moduleConfigEventSchema = z.discriminatedUnion('type', [
  moduleEnabledSchema,
  moduleDisabledSchema,
  moduleConfigUpdatedSchema,
  moduleResetSchema,
]);
/** Any module-config event. */
export type ModuleConfigEvent = z.infer<typeof moduleConfigEventSchema>;
/** `ModuleEnabled`. */
export type ModuleEnabled = z.infer<typeof moduleEnabledSchema>;
/** `ModuleDisabled`. */
export type ModuleDisabled = z.infer<typeof moduleDisabledSchema>;
/** `ModuleConfigUpdated`. */
export type ModuleConfigUpdated = z.infer<typeof moduleConfigUpdatedSchema>;
/** `ModuleReset`. */
export type ModuleReset = z.infer<typeof moduleResetSchema>;

/** Validates a module-config event read back from the store. Never throws. */
export function parseModuleConfigEvent(input: unknown): ParseResult<ModuleConfigEvent> {
  return safeParseWith(moduleConfigEventSchema, input);
}
