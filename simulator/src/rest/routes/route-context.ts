import type { ActionContext } from '../../actions/action-context.js';
import { apiErrors } from '../../core/api-error.js';
import { hasPermission } from '../../world/permissions.js';
import type { SimGuild } from '../../world/world.types.js';

/** What a REST route needs: the action context plus gateway info for `/gateway/bot`. */
export interface RouteContext extends ActionContext {
  gatewayUrl: () => string;
  recommendedShards: number;
  maxConcurrency: number;
}

/** Throws 50013 Missing Permissions unless the bot has `permission` in the guild. */
export function requireBotPermission(ctx: RouteContext, guild: SimGuild, permission: bigint): void {
  if (!hasPermission(guild, ctx.world.botUser.id, permission)) throw apiErrors.missingPermissions();
}

export function intParam(
  value: string | null,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw apiErrors.invalidField(name, 'NUMBER_TYPE_MAX', `Must be an integer between ${min} and ${max}.`);
  }
  return n;
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw apiErrors.invalidForm({
      _errors: [{ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used' }],
    });
  }
  return body as Record<string, unknown>;
}
