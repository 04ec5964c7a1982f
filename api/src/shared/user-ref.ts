import type { ApiContext } from '../context.js';

/** A UserRef as resolvers return it; `username`/`avatar` fall back to the members table via the loader. */
export interface UserRefSource {
  readonly guildId: string;
  readonly id: string;
  readonly username?: string | null;
  readonly avatar?: string | null;
}

export function userRef(
  guildId: string,
  id: string | null | undefined,
  username?: string | null,
  avatar?: string | null,
): UserRefSource | null {
  return id ? { guildId, id, username, avatar } : null;
}

export const userRefResolvers = {
  UserRef: {
    async username(ref: UserRefSource, _: unknown, ctx: ApiContext): Promise<string | null> {
      if (ref.username) return ref.username;
      return (await ctx.loaders.user.load(`${ref.guildId}:${ref.id}`))?.username ?? null;
    },
    async avatar(ref: UserRefSource, _: unknown, ctx: ApiContext): Promise<string | null> {
      if (ref.avatar !== undefined && ref.avatar !== null) return ref.avatar;
      return (await ctx.loaders.user.load(`${ref.guildId}:${ref.id}`))?.avatar ?? null;
    },
  },
};
