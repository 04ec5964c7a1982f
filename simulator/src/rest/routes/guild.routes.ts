import {
  type APIAuditLog,
  type APIBan,
  type APIUser,
  AutoModerationActionType,
  GuildFeature,
  PermissionFlagsBits,
  type RESTGetAPIGuildVanityUrlResult,
} from 'discord-api-types/v10';
import { createAutoModRule } from '../../actions/automod.actions.js';
import {
  ban,
  kick,
  setNickname,
  timeout,
  unban,
  updateMemberRoles,
} from '../../actions/moderation.actions.js';
import { apiErrors } from '../../core/api-error.js';
import { toApiGuild, toApiInvite, toApiMember, toApiRules } from '../../world/serialize.js';
import { noContent, ok, type RestHandler, type RestRouter } from '../rest-router.js';
import { bodyObject, intParam, type RouteContext, requireBotPermission } from './route-context.js';

/** Guild, members, bans, audit log, invites, vanity URL, AutoMod rules. */
export function registerGuildRoutes(router: RestRouter, ctx: RouteContext): void {
  const { world } = ctx;
  const botId = world.botUser.id;
  const moderations = { kick, ban, unban };

  /** The bot kicks, bans or unbans `:userId` with the request's audit-log reason (a ban may carry a body). */
  const moderate =
    (kind: keyof typeof moderations, permission: bigint): RestHandler =>
    (req) => {
      const guild = world.botGuild(req.params.guildId!);
      const userId = req.params.userId!;
      requireBotPermission(ctx, guild, permission);
      if (kind === 'ban') bodyObject(req.body);
      moderations[kind](ctx, guild.id, userId, { moderatorId: botId, reason: req.reason });
      ctx.truth.botEffect(guild.id, { kind, userId, reason: req.reason || null });
      return noContent();
    };

  router.on('GET', '/guilds/:guildId', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    return ok(toApiGuild(guild));
  });
  router.on('GET', '/guilds/:guildId/channels', (req) =>
    ok([...world.botGuild(req.params.guildId!).channels.values()]),
  );
  router.on('GET', '/guilds/:guildId/roles', (req) =>
    ok([...world.botGuild(req.params.guildId!).roles.values()]),
  );

  router.on('GET', '/guilds/:guildId/members', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    const limit = intParam(req.query.get('limit'), 1, 1, 1000, 'limit');
    const after = BigInt(req.query.get('after') ?? '0');
    const members = [...guild.members.values()]
      .filter((m) => BigInt(m.userId) > after)
      .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
      .slice(0, limit);
    return ok(members.map((m) => toApiMember(world, m)));
  });
  router.on('GET', '/guilds/:guildId/members/:userId', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    return ok(toApiMember(world, world.member(guild, req.params.userId!)));
  });
  router.on('DELETE', '/guilds/:guildId/members/:userId', moderate('kick', PermissionFlagsBits.KickMembers));
  router.on('PATCH', '/guilds/:guildId/members/:userId', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    const userId = req.params.userId!;
    const member = world.member(guild, userId);
    const body = bodyObject(req.body);
    if ('communication_disabled_until' in body) {
      requireBotPermission(ctx, guild, PermissionFlagsBits.ModerateMembers);
      const raw = body.communication_disabled_until;
      const until = raw === null ? null : Date.parse(String(raw));
      if (until !== null && Number.isNaN(until)) {
        throw apiErrors.invalidField(
          'communication_disabled_until',
          'DATE_TYPE_PARSE',
          'Could not parse date.',
        );
      }
      timeout(ctx, guild.id, userId, { moderatorId: botId, until, reason: req.reason });
      const reason = req.reason || null;
      ctx.truth.botEffect(
        guild.id,
        member.communicationDisabledUntil === null
          ? { kind: 'timeoutRemoved', userId, reason }
          : { kind: 'timeout', userId, until: member.communicationDisabledUntil, reason },
      );
    }
    if (Array.isArray(body.roles)) {
      requireBotPermission(ctx, guild, PermissionFlagsBits.ManageRoles);
      const wanted = (body.roles as unknown[]).map(String);
      updateMemberRoles(ctx, guild.id, userId, {
        moderatorId: botId,
        add: wanted.filter((id) => !member.roles.includes(id)),
        remove: member.roles.filter((id) => !wanted.includes(id)),
        reason: req.reason,
      });
    }
    if ('nick' in body) {
      requireBotPermission(ctx, guild, PermissionFlagsBits.ManageNicknames);
      setNickname(ctx, guild.id, userId, body.nick === null ? null : String(body.nick), {
        moderatorId: botId,
      });
    }
    return ok(toApiMember(world, member));
  });

  router.on('GET', '/guilds/:guildId/bans', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.BanMembers);
    const limit = intParam(req.query.get('limit'), 1000, 1, 1000, 'limit');
    const bans: APIBan[] = [...guild.bans.values()]
      .slice(0, limit)
      .map((b) => ({ user: world.user(b.userId), reason: b.reason }));
    return ok(bans);
  });
  router.on('GET', '/guilds/:guildId/bans/:userId', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.BanMembers);
    const found = guild.bans.get(req.params.userId!);
    if (!found) throw apiErrors.unknownBan();
    return ok({ user: world.user(found.userId), reason: found.reason } satisfies APIBan);
  });
  router.on('PUT', '/guilds/:guildId/bans/:userId', moderate('ban', PermissionFlagsBits.BanMembers));
  router.on('DELETE', '/guilds/:guildId/bans/:userId', moderate('unban', PermissionFlagsBits.BanMembers));

  router.on('GET', '/guilds/:guildId/audit-logs', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ViewAuditLog);
    const limit = intParam(req.query.get('limit'), 50, 1, 100, 'limit');
    const actionType = req.query.get('action_type');
    const userId = req.query.get('user_id');
    const before = req.query.get('before');
    const after = req.query.get('after');
    const entries = [...guild.auditLog]
      .reverse()
      .filter(
        (e) =>
          (actionType === null || e.action_type === Number(actionType)) &&
          (userId === null || e.user_id === userId) &&
          (before === null || BigInt(e.id) < BigInt(before)) &&
          (after === null || BigInt(e.id) > BigInt(after)),
      )
      .slice(0, limit);
    const userIds = new Set<string>();
    for (const e of entries) {
      if (e.user_id) userIds.add(e.user_id);
      if (e.target_id && world.users.has(e.target_id)) userIds.add(e.target_id);
    }
    const body: APIAuditLog = {
      audit_log_entries: entries,
      users: [...userIds].map((id) => world.users.get(id)).filter((u): u is APIUser => u !== undefined),
      guild_scheduled_events: [],
      auto_moderation_rules: toApiRules(guild),
      integrations: [],
      webhooks: [],
      threads: [],
      application_commands: [],
    };
    return ok(body);
  });

  router.on('GET', '/guilds/:guildId/invites', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageGuild);
    return ok([...guild.invites.values()].map((i) => toApiInvite(world, guild, i)));
  });
  router.on('GET', '/guilds/:guildId/vanity-url', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageGuild);
    if (!guild.features.includes(GuildFeature.VanityURL)) throw apiErrors.missingAccess();
    return ok({ code: guild.vanityUrlCode, uses: guild.vanityUses } satisfies RESTGetAPIGuildVanityUrlResult);
  });

  router.on('GET', '/guilds/:guildId/auto-moderation/rules', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageGuild);
    return ok(toApiRules(guild));
  });
  router.on('POST', '/guilds/:guildId/auto-moderation/rules', (req) => {
    const guild = world.botGuild(req.params.guildId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageGuild);
    const body = bodyObject(req.body);
    if (typeof body.name !== 'string' || !body.name)
      throw apiErrors.invalidField('name', 'BASE_TYPE_REQUIRED', 'This field is required');
    const metadata = bodyObject(body.trigger_metadata);
    const rule = createAutoModRule(ctx, guild.id, {
      name: body.name,
      creatorId: botId,
      keywords: Array.isArray(metadata.keyword_filter) ? metadata.keyword_filter.map(String) : [],
      actions: Array.isArray(body.actions)
        ? (body.actions as never)
        : [{ type: AutoModerationActionType.BlockMessage, metadata: {} }],
    });
    return ok(rule);
  });
}
