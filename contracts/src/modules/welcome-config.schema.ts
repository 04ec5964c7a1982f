import { z } from 'zod';
import { MAX_WELCOME_MESSAGE_LENGTH } from '../limits.js';
import { snowflakeSchema } from '../primitives.js';

/** Placeholders a welcome template may use. */
export const WELCOME_PLACEHOLDERS = ['user', 'server', 'memberCount'] as const;
/** Values for the welcome placeholders. */
export type WelcomeValues = Record<(typeof WELCOME_PLACEHOLDERS)[number], string | number>;

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const known: ReadonlySet<string> = new Set(WELCOME_PLACEHOLDERS);

/**
 * The `welcome` module: post `message` in `channelId` when a member joins. `{user}` becomes the
 * member (a mention when `mentionUser` is true, the default, else the username), `{server}` the guild
 * name, `{memberCount}` the member count. Other `{words}` are refused so typos show at save time.
 */
export const welcomeConfigSchema = z.strictObject({
  channelId: snowflakeSchema,
  message: z
    .string()
    .trim()
    .min(1, { error: 'message must not be empty' })
    .max(MAX_WELCOME_MESSAGE_LENGTH, {
      error: `message longer than ${MAX_WELCOME_MESSAGE_LENGTH} characters`,
    })
    .superRefine((message, ctx) => {
      for (const match of message.matchAll(PLACEHOLDER)) {
        if (!known.has(match[1]!)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {${match[1]}}: use {user}, {server} or {memberCount}`,
          });
        }
      }
    }),
  mentionUser: z.boolean().optional(),
});
/** Configuration of the `welcome` module. */
export type WelcomeConfig = z.infer<typeof welcomeConfigSchema>;

/** Fills a welcome template (the bot and the dashboard preview share this). */
export function renderWelcomeMessage(template: string, values: WelcomeValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    known.has(name) ? String(values[name as keyof WelcomeValues]) : whole,
  );
}
