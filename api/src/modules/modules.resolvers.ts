import { requireGuild, requireRole } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors/api-errors.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import type { ModuleConfigPort } from './module-config.port.js';

function port(ctx: ApiContext): ModuleConfigPort {
  if (!ctx.deps.modules)
    throw new Error('Module configuration is not available: the API was started without the write side');
  return ctx.deps.modules;
}

interface MutationArgs {
  readonly guildId: string;
  readonly expectedVersion: number;
}

/** Admin + scope + a sane expectedVersion, before any command reaches the write side. */
function authorizeMutation(ctx: ApiContext, args: MutationArgs, what: string): void {
  requireRole(ctx.principal, ['admin'], what);
  requireGuild(ctx.principal, args.guildId);
  if (!Number.isInteger(args.expectedVersion) || args.expectedVersion < 0) {
    throw badInput('expectedVersion', 'must be the version you read (an integer >= 0)');
  }
}

export const modulesResolvers: Resolvers = {
  Guild: {
    modules(guild, _, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      return port(ctx).list(guild.guild_id);
    },
    module(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      return port(ctx).get(guild.guild_id, args.name);
    },
  },
  Mutation: {
    enableModule(_, args, ctx) {
      authorizeMutation(ctx, args, 'Enabling a module');
      return port(ctx).enable(args.guildId, args.module, args.expectedVersion, args.config ?? undefined, {
        tokenId: ctx.principal.tokenId,
      });
    },
    disableModule(_, args, ctx) {
      authorizeMutation(ctx, args, 'Disabling a module');
      return port(ctx).disable(args.guildId, args.module, args.expectedVersion, {
        tokenId: ctx.principal.tokenId,
      });
    },
    updateModuleConfig(_, args, ctx) {
      authorizeMutation(ctx, args, 'Updating a module');
      return port(ctx).update(args.guildId, args.module, args.expectedVersion, args.config, {
        tokenId: ctx.principal.tokenId,
      });
    },
    resetModule(_, args, ctx) {
      authorizeMutation(ctx, args, 'Resetting a module');
      return port(ctx).reset(args.guildId, args.module, args.expectedVersion, {
        tokenId: ctx.principal.tokenId,
      });
    },
  },
};
