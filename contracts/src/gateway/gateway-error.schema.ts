import { z } from 'zod';

/** Codes of `gateway:error`: protocol misuse that has no ack to answer through. */
export const gatewayErrorCodeSchema = z.enum([
  'ACK_REQUIRED',
  'INVALID_BATCH',
  'UNKNOWN_EVENT',
  'INVALID_ACK',
  'INVALID_GUILDS',
]);
/** Codes of `gateway:error`. */
export type GatewayErrorCode = z.infer<typeof gatewayErrorCodeSchema>;

/** `gateway:error` (gateway -> bot): a message the gateway could not process (`event`), and why. Nothing was changed. */
export const gatewayErrorMessageSchema = z.object({
  code: gatewayErrorCodeSchema,
  event: z.string(),
  message: z.string(),
});
/** `gateway:error` payload. */
export type GatewayErrorMessage = z.infer<typeof gatewayErrorMessageSchema>;
