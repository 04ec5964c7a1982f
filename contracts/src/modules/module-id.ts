import { z } from 'zod';

/** The bot modules a guild can enable. */
export const moduleIdSchema = z.enum(['welcome', 'automod'], {
  error: 'unknown module: expected "welcome" or "automod"',
});
/** A bot module id. */
export type ModuleId = z.infer<typeof moduleIdSchema>;
/** Module ids as constants. */
export const ModuleId = moduleIdSchema.enum;
