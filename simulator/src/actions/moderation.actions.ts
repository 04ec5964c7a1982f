import {
  type APIAuditLogEntry,
  AuditLogEvent,
  GatewayDispatchEvents,
  type GatewayGuildBanModifyDispatchData,
} from 'discord-api-types/v10';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import { type ActionContext, type AuditTiming, emitWithAudit } from './action-context.js';
import { dispatchMemberUpdate, removeMember } from './member-events.js';

export interface ModerationInput {
  /** Who did it (a moderator, or the bot when it acts through REST). */
  moderatorId: string;
  reason?: string | null;
  audit?: AuditTiming;
}

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

/**
 * Ban: GUILD_MEMBER_REMOVE (if a member) + GUILD_BAN_ADD + audit entry 22 (MEMBER_BAN_ADD), in Discord's
 * order; the audit entry's place follows `audit`.
 */
export function ban(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: ModerationInput,
): ModerationResult {
  const guild = ctx.world.guild(guildId);
  const user = ctx.world.user(userId);
  if (guild.ownerId === userId) throw apiErrors.missingPermissions();
  const reason = input.reason ?? null;
  const wasMember = guild.members.has(userId);
  guild.bans.set(userId, { userId, reason });
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberBanAdd,
      target_id: userId,
      user_id: input.moderatorId,
      ...(reason ? { reason } : {}),
    },
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
export function unban(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: ModerationInput,
): ModerationResult {
  const guild = ctx.world.guild(guildId);
  if (!guild.bans.delete(userId)) throw apiErrors.unknownBan();
  const user = ctx.world.user(userId);
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberBanRemove,
      target_id: userId,
      user_id: input.moderatorId,
      ...(input.reason ? { reason: input.reason } : {}),
    },
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
export function kick(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: ModerationInput,
): ModerationResult {
  const guild = ctx.world.guild(guildId);
  ctx.world.member(guild, userId);
  if (guild.ownerId === userId) throw apiErrors.missingPermissions();
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberKick,
      target_id: userId,
      user_id: input.moderatorId,
      ...(input.reason ? { reason: input.reason } : {}),
    },
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
export function timeout(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: TimeoutInput,
): ModerationResult {
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
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberUpdate,
      target_id: userId,
      user_id: input.moderatorId,
      changes: [
        {
          key: 'communication_disabled_until',
          ...(old !== null ? { old_value: old } : {}),
          ...(member.communicationDisabledUntil !== null
            ? { new_value: member.communicationDisabledUntil }
            : {}),
        },
      ],
      ...(input.reason ? { reason: input.reason } : {}),
    },
    () => dispatchMemberUpdate(ctx, guild, member),
    input.audit,
  );
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
  ctx: ActionContext,
  guildId: string,
  userId: string,
  input: RoleUpdateInput,
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
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberRoleUpdate,
      target_id: userId,
      user_id: input.moderatorId,
      changes: [
        ...(add.length > 0 ? [{ key: '$add' as const, new_value: describe(add) }] : []),
        ...(remove.length > 0 ? [{ key: '$remove' as const, new_value: describe(remove) }] : []),
      ],
      ...(input.reason ? { reason: input.reason } : {}),
    },
    () => dispatchMemberUpdate(ctx, guild, member),
    input.audit,
  );
  return { auditEntry };
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
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MemberUpdate,
      target_id: userId,
      user_id: input.moderatorId,
      changes: [
        {
          key: 'nick',
          ...(old !== null ? { old_value: old } : {}),
          ...(nick !== null ? { new_value: nick } : {}),
        },
      ],
    },
    () => dispatchMemberUpdate(ctx, guild, member),
    input.audit,
  );
  return { auditEntry };
}
