import { parseEventTypeFilter } from '@guildscope/contracts';
import { requireGuild, requireRole } from '../auth/authorize.js';
import { BadUserInputError } from '../errors/api-errors.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { pageSize } from '../shared/time-range.js';
import { readGuildEvents } from './guild-events.query.js';

export const maxEventsPage = 500;

/** The `types` filter, checked like the replay CLI's `--type`: a typo is refused, never an empty page. */
function eventTypes(types: readonly string[]): string[] {
  const parsed = parseEventTypeFilter(types);
  if (parsed.ok) return parsed.value;
  const fields = Object.fromEntries(parsed.errors.map((e) => [`types${e.path}`, e.message]));
  throw new BadUserInputError(`types: ${parsed.errors.map((e) => e.message).join('; ')}`, fields);
}

export const eventsResolvers: Resolvers = {
  Guild: {
    events(guild, args, ctx) {
      requireRole(ctx.principal, ['admin', 'auditor'], 'Reading raw events');
      requireGuild(ctx.principal, guild.guild_id);
      const first = pageSize(args.first, 50, maxEventsPage, 'first');
      return readGuildEvents(ctx.deps.eventStore, guild.guild_id, {
        ...args,
        types: args.types ? eventTypes(args.types) : null,
        first,
      });
    },
  },
};
