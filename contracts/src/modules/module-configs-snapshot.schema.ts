import { z } from 'zod';
import { countSchema, logPositionSchema, snowflakeSchema } from '../primitives.js';
import { automodConfigSchema } from './automod-config.schema.js';
import { welcomeConfigSchema } from './welcome-config.schema.js';

/** One module of a guild: whether it is enabled and its complete config (kept while disabled). */
export const moduleConfigViewSchema = z.discriminatedUnion(
  'moduleId',
  [
    z.object({ moduleId: z.literal('welcome'), enabled: z.boolean(), config: welcomeConfigSchema }),
    z.object({ moduleId: z.literal('automod'), enabled: z.boolean(), config: automodConfigSchema }),
  ],
  { error: 'unknown module: expected "welcome" or "automod"' },
);
/** One module of a guild, typed by `moduleId`. */
export type ModuleConfigView = z.infer<typeof moduleConfigViewSchema>;

/** Every configured module of one guild. */
export const guildModuleConfigsSchema = z.object({
  guildId: snowflakeSchema,
  /** Version of the guild's config aggregate: pass it as `expectedVersion` to a command. 0 = no config yet. */
  version: countSchema,
  /** Every module that has a config (enabled or not), sorted by id; never-enabled modules are absent. */
  modules: z.array(moduleConfigViewSchema),
});
/** Every configured module of one guild. */
export type GuildModuleConfigs = z.infer<typeof guildModuleConfigsSchema>;

/**
 * The module configuration of a set of guilds, consistent at one global position: the write side's
 * `GetModuleConfigs` answer, and what the gateway sends a bot as `module:config-snapshot` and in the
 * `guilds:add` ack. Objects are not strict (unlike events, which are stored forever): a bot keeps
 * reading the snapshots of a newer gateway that added a field.
 */
export const moduleConfigsSnapshotSchema = z.object({
  /**
   * Global position the snapshot is exact at (every change up to it included, none after), or null when
   * the log is empty. Follow it with the change feed from this position to miss nothing.
   */
  position: logPositionSchema.nullable(),
  /** One entry per requested guild, in request order (duplicates removed). */
  guilds: z.array(guildModuleConfigsSchema),
});
/** The module configuration of a set of guilds at one global position. */
export type ModuleConfigsSnapshot = z.infer<typeof moduleConfigsSnapshotSchema>;
