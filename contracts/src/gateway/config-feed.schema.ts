import { z } from 'zod';
import { moduleChangeEventSchema } from '../modules/module-change-event.schema.js';
import { moduleConfigsSnapshotSchema } from '../modules/module-configs-snapshot.schema.js';
import { logPositionSchema, snowflakeSchema } from '../primitives.js';

/** `module:ack` (bot -> gateway): every change up to `position` is applied. */
export const moduleAckSchema = z.object({ position: logPositionSchema });
/** `module:ack` payload. */
export type ModuleAckMessage = z.infer<typeof moduleAckSchema>;

/** `module:change` (gateway -> bot): the contracts' {@link moduleChangeEventSchema} with its position. */
export const moduleChangeMessageSchema = moduleChangeEventSchema.and(moduleAckSchema);
/** `module:change` payload: the change plus the position to ack it with. */
export type ModuleChangeMessage = z.infer<typeof moduleChangeMessageSchema>;

/** `guilds:add` (bot -> gateway): guilds joined after connecting. */
export const guildsAddSchema = z.array(snowflakeSchema);

/** Code of a refused `guilds:add`. */
export const guildsAddRefusalCodeSchema = z.enum(['INVALID_GUILDS']);

/** Ack of `guilds:add`: the config snapshot of the added guilds (changes then follow on `module:change`). */
export const guildsAddAckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    guildIds: z.array(snowflakeSchema),
    snapshot: moduleConfigsSnapshotSchema,
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: guildsAddRefusalCodeSchema, message: z.string() }),
  }),
]);
/** Ack of `guilds:add`. */
export type GuildsAddAck = z.infer<typeof guildsAddAckSchema>;
