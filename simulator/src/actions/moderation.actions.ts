import {
  type APIAuditLogChange,
  type APIAuditLogEntry,
  AuditLogEvent,
  GatewayDispatchEvents,
  type GatewayGuildBanModifyDispatchData,
} from 'discord-api-types/v10';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import type { SimGuild, SimMember } from '../world/world.types.js';
import { type ActionContext, type AuditTiming, emitWithAudit } from './action-context.js';
import { dispatchMemberUpdate, removeMember } from './member-events.js';

export interface ModerationInput {
  /** Who did it (a moderator, or the bot when it acts through REST). */
  moderatorId: string;
  reason?: string | null;
  audit?: AuditTiming;
}

/** A moderator's action on one member of a guild: what it takes. */
type MemberModeration<I extends ModerationInput = ModerationInput> = [
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: I,
];

export interface ModerationResult {
  auditEntry: APIAuditLogEntry;
}

/** The ledger fields of a moderator's action that wrote an audit entry. */
const audited = (input: ModerationInput, entry: APIAuditLogEntry) => ({
  moderatorId: input.moderatorId,
  // An empty reason is no reason, as in the audit entry.
  reason: input.reason || null,
  audit: 'entry' as const,
  auditEntryId: entry.id,
});

/** The audit entry of a moderator's action on member `userId` (with the reason when there is one). */
const memberEntry = (
  userId: string,
  input: ModerationInput,
  action_type: AuditLogEvent,
  changes?: APIAuditLogChange[],
): Omit<APIAuditLogEntry, 'id'> => ({
  action_type,
  target_id: userId,
  user_id: input.moderatorId,
  ...(changes ? { changes } : {}),
  ...(input.reason ? { reason: input.reason } : {}),
});

/** The audit change of one member field (a side that is null is left out, as on Discord). */
const fieldChange = (
  key: 'nick' | 'communication_disabled_until',
  old: string | null,
  now: string | null,
): APIAuditLogChange => ({
  key,
  ...(old !== null ? { old_value: old } : {}),
  ...(now !== null ? { new_value: now } : {}),
});

/** A moderator's change to a member already made: GUILD_MEMBER_UPDATE + the audit entry with `changes`. */
function updateMember(
  ctx: ActionContext,
  guild: SimGuild,
  member: SimMember,
  input: ModerationInput,
  actionType: AuditLogEvent,
  changes: APIAuditLogChange[],
): ModerationResult {
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    memberEntry(member.userId, input, actionType, changes),
    () => dispatchMemberUpdate(ctx, guild, member),
    input.audit,
  );
  return { auditEntry };
}

/**
 * Ban: GUILD_MEMBER_REMOVE (if a member) + GUILD_BAN_ADD + audit entry 22 (MEMBER_BAN_ADD), in Discord's
 * order; the audit entry's place follows `audit`.
 */
export function ban(...[ctx, guildId, userId, input]: MemberModeration): ModerationResult {
  const guild = ctx.world.guild(guildId);
  const user = ctx.world.user(userId);
  if (guild.ownerId === userId) throw apiErrors.missingPermissions();
  const reason = input.reason ?? null;
  const wasMember = guild.members.has(userId);
  guild.bans.set(userId, { userId, reason });
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    memberEntry(userId, input, AuditLogEvent.MemberBanAdd),
    () => {
      if (guild.members.has(userId))
        removeMember(ctx, guild, userId, {
          kind: 'ban',
          moderatorId: input.moderatorId,
          reason: reason || null,
        });
      const data: GatewayGuildBanModifyDispatchData = { guild_id: guild.id, user };
      ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildBanAdd, data);
    },
    input.audit,
  );
  ctx.truth.moderation(guild.id, { kind: 'ban', userId, wasMember, ...audited(input, auditEntry) });
  return { auditEntry };
}

/** Unban: GUILD_BAN_REMOVE + audit entry 23. */
export function unban(...[ctx, guildId, userId, input]: MemberModeration): ModerationResult {
  const guild = ctx.world.guild(guildId);
  if (!guild.bans.delete(userId)) throw apiErrors.unknownBan();
  const user = ctx.world.user(userId);
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    memberEntry(userId, input, AuditLogEvent.MemberBanRemove),
    () => {
      const data: GatewayGuildBanModifyDispatchData = { guild_id: guild.id, user };
      ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildBanRemove, data);
    },
    input.audit,
  );
  ctx.truth.moderation(guild.id, { kind: 'unban', userId, ...audited(input, auditEntry) });
  return { auditEntry };
}

/** Kick: GUILD_MEMBER_REMOVE + audit entry 20 (MEMBER_KICK). */
export function kick(...[ctx, guildId, userId, input]: MemberModeration): ModerationResult {
  const guild = ctx.world.guild(guildId);
  ctx.world.member(guild, userId);
  if (guild.ownerId === userId) throw apiErrors.missingPermissions();
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    memberEntry(userId, input, AuditLogEvent.MemberKick),
    () =>
      removeMember(ctx, guild, userId, {
        kind: 'kick',
        moderatorId: input.moderatorId,
        reason: input.reason || null,
      }),
    input.audit,
  );
  ctx.truth.moderation(guild.id, { kind: 'kick', userId, ...audited(input, auditEntry) });
  return { auditEntry };
}

/** A member leaves by themself: GUILD_MEMBER_REMOVE only, no audit entry. */
export function leave(ctx: ActionContext, guildId: string, userId: string): void {
  const guild = ctx.world.guild(guildId);
  ctx.world.member(guild, userId);
  if (guild.ownerId === userId) throw new DiscordApiError(400, 0, 'The owner cannot leave their guild');
  removeMember(ctx, guild, userId, { kind: 'leave', moderatorId: null, reason: null });
  ctx.truth.moderation(guild.id, {
    kind: 'leave',
    userId,
    moderatorId: null,
    reason: null,
    audit: 'none',
    auditEntryId: null,
  });
}

export interface TimeoutInput extends ModerationInput {
  /** End of the timeout (ms since epoch), or null to remove it. */
  until: number | null;
}

/** Timeout add/remove: GUILD_MEMBER_UPDATE with communication_disabled_until + audit entry 24 with the change. */
export function timeout(...[ctx, guildId, userId, input]: MemberModeration<TimeoutInput>): ModerationResult {
  const guild = ctx.world.guild(guildId);
  const member = ctx.world.member(guild, userId);
  if (input.until !== null && input.until - ctx.clock.now() > 28 * 24 * 3600_000) {
    throw apiErrors.invalidField(
      'communication_disabled_until',
      'BASE_TYPE_BAD_TIME',
      'Timeouts cannot be longer than 28 days',
    );
  }
  const old = member.communicationDisabledUntil;
  member.communicationDisabledUntil = input.until === null ? null : new Date(input.until).toISOString();
  const { auditEntry } = updateMember(ctx, guild, member, input, AuditLogEvent.MemberUpdate, [
    fieldChange('communication_disabled_until', old, member.communicationDisabledUntil),
  ]);
  const until = member.communicationDisabledUntil;
  ctx.truth.moderation(
    guild.id,
    until === null
      ? { kind: 'timeoutRemoved', userId, ...audited(input, auditEntry) }
      : { kind: 'timeout', userId, until, ...audited(input, auditEntry) },
  );
  return { auditEntry };
}

export interface RoleUpdateInput extends ModerationInput {
  add?: string[];
  remove?: string[];
}

/** Member role change: GUILD_MEMBER_UPDATE + audit entry 25 with `$add` / `$remove` changes. */
export function updateMemberRoles(
  ...[ctx, guildId, userId, input]: MemberModeration<RoleUpdateInput>
): ModerationResult {
  const guild = ctx.world.guild(guildId);
  const member = ctx.world.member(guild, userId);
  const add = (input.add ?? []).filter((id) => !member.roles.includes(id));
  const remove = (input.remove ?? []).filter((id) => member.roles.includes(id));
  for (const id of [...add, ...remove]) {
    if (!guild.roles.has(id) || id === guild.id) throw apiErrors.unknownRole();
  }
  member.roles = [...member.roles.filter((id) => !remove.includes(id)), ...add];
  const describe = (ids: string[]) => ids.map((id) => ({ id, name: guild.roles.get(id)!.name }));
  return updateMember(ctx, guild, member, input, AuditLogEvent.MemberRoleUpdate, [
    ...(add.length > 0 ? [{ key: '$add' as const, new_value: describe(add) }] : []),
    ...(remove.length > 0 ? [{ key: '$remove' as const, new_value: describe(remove) }] : []),
  ]);
}

/** Nickname change by a moderator (or self when moderatorId is the member): GUILD_MEMBER_UPDATE + audit 24. */
export function setNickname(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  nick: string | null,
  input: ModerationInput,
): ModerationResult {
  const guild = ctx.world.guild(guildId);
  const member = ctx.world.member(guild, userId);
  const old = member.nick;
  member.nick = nick;
  return updateMember(ctx, guild, member, input, AuditLogEvent.MemberUpdate, [
    fieldChange('nick', old, nick),
  ]);
}
