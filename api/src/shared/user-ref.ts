import type { Resolvers } from '../schema/generated/schema-types.js';

/** A UserRef as resolvers return it; `username`/`avatar` fall back to the members table via the loader. */
export interface UserRefSource {
  readonly guildId: string;
  readonly id: string;
  readonly username?: string | null;
  readonly avatar?: string | null;
}

/** A UserRef for a user id, or null when there is no user (an optional reference). */
export function userRef(
  guildId: string,
  id: string,
  username?: string | null,
  avatar?: string | null,
): UserRefSource;
export function userRef(
  guildId: string,
  id: string | null | undefined,
  username?: string | null,
  avatar?: string | null,
): UserRefSource | null;
export function userRef(
  guildId: string,
  id: string | null | undefined,
  username?: string | null,
  avatar?: string | null,
): UserRefSource | null {
  return id ? { guildId, id, username, avatar } : null;
}

export const userRefResolvers: Resolvers = {
  UserRef: {
    async username(ref, _, ctx) {
      if (ref.username) return ref.username;
      return (await ctx.loaders.user.load(`${ref.guildId}:${ref.id}`))?.username ?? null;
    },
    async avatar(ref, _, ctx) {
      if (ref.avatar !== undefined && ref.avatar !== null) return ref.avatar;
      return (await ctx.loaders.user.load(`${ref.guildId}:${ref.id}`))?.avatar ?? null;
    },
  },
};
