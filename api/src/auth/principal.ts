/** A token's role. ADMIN mutates and manages tokens; AUDITOR also reads raw event streams. */
export type Role = 'admin' | 'viewer' | 'auditor';

export const roles: readonly Role[] = ['admin', 'viewer', 'auditor'];

/** Who is calling: the authenticated token. */
export interface Principal {
  readonly tokenId: string;
  readonly role: Role;
  /** `'all'` covers every guild, present and future. */
  readonly guilds: 'all' | ReadonlySet<string>;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** True when the principal may see this guild. */
export function canSeeGuild(principal: Principal, guildId: string): boolean {
  return principal.guilds === 'all' || principal.guilds.has(guildId);
}

/** The guild ids to filter SQL with (`= ANY($n)`), or null for all guilds. */
export function guildScope(principal: Principal): string[] | null {
  return principal.guilds === 'all' ? null : [...principal.guilds];
}
