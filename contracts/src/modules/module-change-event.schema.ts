import { z } from 'zod';
import { logPositionSchema, snowflakeSchema, timestampMsSchema } from '../primitives.js';
import { type ParseResult, safeParseWith } from '../validation.js';
import { automodConfigSchema } from './automod-config.schema.js';
import { welcomeConfigSchema } from './welcome-config.schema.js';

/** What happened to a module in a guild (`reset`: disabled and configuration erased). */
export const moduleChangeActionSchema = z.enum(['enabled', 'disabled', 'config_updated', 'reset']);
/** What happened to a module in a guild. */
export type ModuleChangeAction = z.infer<typeof moduleChangeActionSchema>;

const changeShape = {
  guildId: snowflakeSchema,
  action: moduleChangeActionSchema,
  /** When the change was recorded, ms since the Unix epoch (the seed's `Date`, in the DTOs' unit). */
  timestamp: timestampMsSchema,
  /**
   * The change's global position in the event store (`"<commit>"` or `"<commit>/<prepare>"`); set by
   * the gateway's feed so a bot can ack it and resume after it.
   */
  position: logPositionSchema.optional(),
};

/**
 * The seed `004` `module:change` message, gateway -> bot: the module's complete config (never a diff),
 * typed by `moduleId`. `config` is required for `enabled` and `config_updated`, optional for `disabled`
 * (the kept config) and absent for `reset`.
 */
export const moduleChangeEventSchema = z
  .discriminatedUnion(
    'moduleId',
    [
      z.strictObject({
        ...changeShape,
        moduleId: z.literal('welcome'),
        config: welcomeConfigSchema.optional(),
      }),
      z.strictObject({
        ...changeShape,
        moduleId: z.literal('automod'),
        config: automodConfigSchema.optional(),
      }),
    ],
    { error: 'unknown module: expected "welcome" or "automod"' },
  )
  .superRefine((change, ctx) => {
    const needsConfig = change.action === 'enabled' || change.action === 'config_updated';
    if (needsConfig && change.config === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['config'],
        message: `required when action is "${change.action}"`,
      });
    }
    if (change.action === 'reset' && change.config !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['config'], message: 'must be absent when action is "reset"' });
    }
  });
/** A `module:change` message. */
export type ModuleChangeEvent = z.infer<typeof moduleChangeEventSchema>;

/** Validates a `module:change` message (the bot does, on receipt). Never throws. */
export function parseModuleChangeEvent(input: unknown): ParseResult<ModuleChangeEvent> {
  return safeParseWith(moduleChangeEventSchema, input);
}
