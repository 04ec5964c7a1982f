import { ForbiddenError, UnauthenticatedError } from '@guildscope/contracts';
import { canSeeGuild, type Principal, type Role } from './principal.js';

/**
 * Same message for an unknown guild and a guild outside the scope: a token learns nothing about guilds
 * it does not cover.
 */
export function guildForbidden(guildId: string): ForbiddenError {
  return new ForbiddenError(`Guild ${guildId} is not in this token's scope (or does not exist)`);
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new UnauthenticatedError('Missing or invalid API token');
  return principal;
}

/** Throws FORBIDDEN unless the principal's scope includes the guild. Call it in every guild resolver. */
export function requireGuild(principal: Principal, guildId: string): void {
  if (!canSeeGuild(principal, guildId)) throw guildForbidden(guildId);
}

/** Throws FORBIDDEN unless the principal has one of the roles. */
export function requireRole(principal: Principal, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError(
      `${what} needs a ${allowed.join(' or ')} token; this token is ${principal.role}`,
    );
  }
}
