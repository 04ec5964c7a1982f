import {
  AuditLogEvent,
  GatewayDispatchEvents,
  type GatewayInviteCreateDispatchData,
  type GatewayInviteDeleteDispatchData,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import type { SimGuild, SimInvite, SimMember } from '../world/world.types.js';
import { type ActionContext, emitWithAudit, nowIso } from './action-context.js';
import { newInviteCode, putMember } from './guild.actions.js';
import { dispatchMemberAdd } from './member-events.js';

export interface CreateInviteInput {
  inviterId: string;
  /** 0 = unlimited; 1 = single use (disappears once used). */
  maxUses?: number;
  /** Seconds; 0 = never expires. Default 7 days. */
  maxAge?: number;
  temporary?: boolean;
  code?: string;
}

/** INVITE_CREATE (GUILD_INVITES intent; Discord sends it only with Manage Channels) + audit entry 40. */
export function createInvite(ctx: ActionContext, channelId: string, input: CreateInviteInput): SimInvite {
  const { guild } = ctx.world.channel(channelId);
  ctx.world.user(input.inviterId);
  const code = input.code ?? newInviteCode(ctx);
  if (guild.invites.has(code) || code === guild.vanityUrlCode) {
    throw new DiscordApiError(400, 0, `Invite code already in use: ${code}`);
  }
  const invite: SimInvite = {
    code,
    guildId: guild.id,
    channelId,
    inviterId: input.inviterId,
    uses: 0,
    maxUses: input.maxUses ?? 0,
    maxAge: input.maxAge ?? 604_800,
    temporary: input.temporary ?? false,
    createdAt: nowIso(ctx),
  };
  guild.invites.set(code, invite);
  ctx.truth.inviteCreated(invite);
  emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.InviteCreate,
      target_id: null,
      user_id: input.inviterId,
      changes: [
        { key: 'code', new_value: code },
        { key: 'channel_id', new_value: channelId },
        { key: 'max_uses', new_value: invite.maxUses },
        { key: 'uses', new_value: 0 },
      ],
    },
    () => {
      const data: GatewayInviteCreateDispatchData = {
        channel_id: channelId,
        code,
        created_at: invite.createdAt,
        guild_id: guild.id,
        inviter: ctx.world.user(input.inviterId),
        max_age: invite.maxAge,
        max_uses: invite.maxUses,
        temporary: invite.temporary,
        uses: 0,
        expires_at:
          invite.maxAge > 0
            ? new Date(Date.parse(invite.createdAt) + invite.maxAge * 1000).toISOString()
            : null,
      };
      ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.InviteCreate, data, {
        requiresPermission: PermissionFlagsBits.ManageChannels,
      });
    },
  );
  return invite;
}

/** INVITE_DELETE (+ audit entry 42 when someone deleted it). */
export function deleteInvite(ctx: ActionContext, code: string, opts: { by?: string } = {}): void {
  const guild = guildOfInvite(ctx, code);
  const invite = guild.invites.get(code)!;
  guild.invites.delete(code);
  ctx.truth.inviteDeleted(guild.id, code, opts.by ?? null, false);
  const send = () => dispatchInviteDelete(ctx, guild, invite);
  if (opts.by) {
    emitWithAudit(
      ctx,
      guild,
      {
        action_type: AuditLogEvent.InviteDelete,
        target_id: null,
        user_id: opts.by,
        changes: [
          { key: 'code', old_value: code },
          { key: 'uses', old_value: invite.uses },
        ],
      },
      send,
    );
  } else send();
}

function dispatchInviteDelete(ctx: ActionContext, guild: SimGuild, invite: SimInvite): void {
  const data: GatewayInviteDeleteDispatchData = {
    channel_id: invite.channelId,
    guild_id: guild.id,
    code: invite.code,
  };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.InviteDelete, data, {
    requiresPermission: PermissionFlagsBits.ManageChannels,
  });
}

function guildOfInvite(ctx: ActionContext, code: string): SimGuild {
  for (const guild of ctx.world.guilds.values()) if (guild.invites.has(code)) return guild;
  throw apiErrors.unknownInvite();
}

/** How a member arrives: an invite code, the vanity URL, or a path the bot cannot see (OAuth2, discovery). */
export type JoinVia = { invite: string } | { vanity: true } | { unknown: true };

export interface JoinRequest {
  userId: string;
  via: JoinVia;
}

export interface JoinResult {
  member: SimMember;
  /** The invite used, with its uses after the join. */
  invite?: { code: string; uses: number; deleted: boolean };
}

/** One member joins: the invite's (or vanity's) uses + 1, GUILD_MEMBER_ADD, INVITE_DELETE if used up. */
export function join(ctx: ActionContext, guildId: string, request: JoinRequest): JoinResult {
  return joinTogether(ctx, guildId, [request])[0]!;
}

/**
 * Several members join "at the same moment": every invite counter moves before the first GUILD_MEMBER_ADD is
 * sent, so a bot diffing invite uses on the first join sees all of them (and must not guess).
 */
export function joinTogether(ctx: ActionContext, guildId: string, requests: JoinRequest[]): JoinResult[] {
  const guild = ctx.world.guild(guildId);
  // Validate everything first: bad input changes nothing.
  const seen = new Set<string>();
  const batchUses = new Map<string, number>();
  for (const r of requests) {
    ctx.world.user(r.userId);
    if (guild.members.has(r.userId) || seen.has(r.userId)) {
      throw new DiscordApiError(400, 0, `User ${r.userId} is already a member`);
    }
    if (guild.bans.has(r.userId))
      throw new DiscordApiError(403, 40007, 'The user is banned from this guild.');
    seen.add(r.userId);
    if ('invite' in r.via) {
      const invite = guild.invites.get(r.via.invite);
      if (!invite) throw apiErrors.unknownInvite();
      const uses = (batchUses.get(invite.code) ?? 0) + 1;
      if (invite.maxUses > 0 && invite.uses + uses > invite.maxUses) throw apiErrors.unknownInvite();
      batchUses.set(invite.code, uses);
    }
    if ('vanity' in r.via && !guild.vanityUrlCode) throw apiErrors.unknownInvite();
  }
  const usedUp: SimInvite[] = [];
  const results: JoinResult[] = requests.map((r) => {
    const member = putMember(ctx, guildId, r.userId);
    if ('invite' in r.via) {
      const invite = guild.invites.get(r.via.invite)!;
      invite.uses++;
      ctx.truth.joined(guildId, r.userId, { kind: 'invite', code: invite.code, inviterId: invite.inviterId });
      const deleted = invite.maxUses > 0 && invite.uses >= invite.maxUses;
      if (deleted) {
        guild.invites.delete(invite.code);
        ctx.truth.inviteDeleted(guildId, invite.code, null, true);
        usedUp.push(invite);
      }
      return { member, invite: { code: invite.code, uses: invite.uses, deleted } };
    }
    if ('vanity' in r.via) {
      guild.vanityUses++;
      ctx.truth.joined(guildId, r.userId, { kind: 'vanity', code: guild.vanityUrlCode! });
      return { member, invite: { code: guild.vanityUrlCode!, uses: guild.vanityUses, deleted: false } };
    }
    ctx.truth.joined(guildId, r.userId, { kind: 'unknown' });
    return { member };
  });
  const deletes = () => {
    for (const invite of usedUp) dispatchInviteDelete(ctx, guild, invite);
  };
  if (ctx.settings.inviteDeleteBeforeJoin) deletes();
  for (const result of results) dispatchMemberAdd(ctx, guild, result.member);
  if (!ctx.settings.inviteDeleteBeforeJoin) deletes();
  return results;
}

/** A bot user is added through OAuth2: GUILD_MEMBER_ADD + audit entry 28 (BOT_ADD); no invite is used. */
export function addBotUser(
  ctx: ActionContext,
  guildId: string,
  botUserId: string,
  addedBy: string,
): SimMember {
  const guild = ctx.world.guild(guildId);
  if (!ctx.world.user(botUserId).bot) throw new DiscordApiError(400, 0, `User ${botUserId} is not a bot`);
  if (guild.members.has(botUserId))
    throw new DiscordApiError(400, 0, `User ${botUserId} is already a member`);
  const member = putMember(ctx, guildId, botUserId);
  ctx.truth.joined(guildId, botUserId, { kind: 'botAdd', addedBy });
  emitWithAudit(
    ctx,
    guild,
    { action_type: AuditLogEvent.BotAdd, target_id: botUserId, user_id: addedBy },
    () => dispatchMemberAdd(ctx, guild, member),
  );
  return member;
}
