import { ForbiddenError } from '@guildscope/contracts';
import type { ApiToken, Resolvers } from '../schema/generated/schema-types.js';
import { fromEnumValue, toEnumValue } from '../shared/enum-value.js';
import type { ApiTokenRecord } from './api-token.store.js';
import { requireRole } from './authorize.js';

const toGraphql = (r: ApiTokenRecord): ApiToken => ({
  id: r.id,
  label: r.label,
  role: toEnumValue(r.role),
  allGuilds: r.guildIds === null,
  guildIds: r.guildIds ?? [],
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export const tokensResolvers: Resolvers = {
  Query: {
    viewer(_, __, ctx) {
      const p = ctx.principal;
      return {
        tokenId: p.tokenId,
        role: toEnumValue(p.role),
        allGuilds: p.guilds === 'all',
        guildIds: p.guilds === 'all' ? [] : [...p.guilds].sort(),
      };
    },
    async apiTokens(_, args, ctx) {
      requireRole(ctx.principal, ['admin'], 'Listing API tokens');
      return (await ctx.deps.tokens.list(args.includeRevoked ?? false)).map(toGraphql);
    },
  },
  Mutation: {
    async createApiToken(_, args, ctx) {
      requireRole(ctx.principal, ['admin'], 'Creating API tokens');
      const { input } = args;
      // A scoped admin could otherwise mint a token wider than itself.
      if (ctx.principal.guilds !== 'all') {
        const scope = ctx.principal.guilds;
        if (input.allGuilds || !input.guildIds || input.guildIds.some((g) => !scope.has(g))) {
          throw new ForbiddenError('A guild-scoped admin can only create tokens within its own guilds');
        }
      }
      const guildIds = input.allGuilds ? null : (input.guildIds ?? null);
      const created = await ctx.deps.tokens.create({
        role: fromEnumValue(input.role),
        guildIds,
        label: input.label,
      });
      ctx.deps.logger.info({ tokenId: created.record.id, by: ctx.principal.tokenId }, 'API token created');
      return { token: created.token, apiToken: toGraphql(created.record) };
    },
    async revokeApiToken(_, args, ctx) {
      requireRole(ctx.principal, ['admin'], 'Revoking API tokens');
      const record = await ctx.deps.tokens.revoke(args.id);
      ctx.deps.logger.info({ tokenId: record.id, by: ctx.principal.tokenId }, 'API token revoked');
      return toGraphql(record);
    },
  },
};
