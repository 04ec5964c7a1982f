import {
  type APIGuildVoiceChannel,
  type APIRole,
  type APITextChannel,
  type APIUser,
  AuditLogEvent,
  ChannelType,
  GatewayDispatchEvents,
  type GatewayGuildDeleteDispatchData,
  type GatewayGuildRoleModifyDispatchData,
  GuildFeature,
  PermissionFlagsBits,
  type RoleFlags,
  type UserFlags,
} from 'discord-api-types/v10';
import { DiscordApiError } from '../core/api-error.js';
import { SETUP_JOIN } from '../truth/guild-ledger.js';
import { DEFAULT_BOT_PERMISSIONS, EVERYONE_PERMISSIONS } from '../world/permissions.js';
import { toApiGuild } from '../world/serialize.js';
import type { SimGuild, SimMember } from '../world/world.types.js';
import { type ActionContext, emitWithAudit } from './action-context.js';

export interface CreateUserInput {
  username: string;
  /** Account creation time (ms): the user id's snowflake encodes it. Default: now. */
  createdAt?: number;
  bot?: boolean;
  globalName?: string | null;
}

export function createUser(ctx: ActionContext, input: CreateUserInput): APIUser {
  if (!input.username || input.username.length > 32) {
    throw new RangeError(`username must be 1-32 characters: "${input.username}"`);
  }
  const user: APIUser = {
    id: ctx.ids.at(input.createdAt ?? ctx.clock.now()),
    username: input.username,
    discriminator: '0',
    global_name: input.globalName ?? null,
    avatar: null,
    ...(input.bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
  };
  ctx.world.users.set(user.id, user);
  return user;
}

export interface CreateGuildInput {
  name: string;
  /** Owner (created if absent). */
  ownerId?: string;
  textChannels?: string[];
  voiceChannels?: string[];
  /** A vanity code gives the guild the VANITY_URL feature. */
  vanityCode?: string;
  /** Whether the bot is a member (default true). A guild without the bot is invisible to it. */
  botPresent?: boolean;
  /** Bot permissions in this guild (default: everything Guildscope needs). */
  botPermissions?: bigint;
}

/** Role ids of a guild the simulator created, for tests to reference. */
export interface GuildRoles {
  everyone: string;
  bot: string;
  moderator: string;
}

/** Builds a guild with channels, @everyone, a managed bot role and a Moderator role. World setup: no events. */
export function createGuild(ctx: ActionContext, input: CreateGuildInput): SimGuild {
  const { world } = ctx;
  if (!input.name) throw new RangeError('guild name is required');
  const guildId = ctx.ids.next();
  const ownerId = input.ownerId ?? createUser(ctx, { username: `owner-${guildId.slice(-6)}` }).id;
  if (!world.users.has(ownerId)) throw new RangeError(`unknown owner ${ownerId}`);
  const role = (
    id: string,
    name: string,
    position: number,
    permissions: bigint,
    extra: Partial<APIRole> = {},
  ) =>
    ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...extra,
    }) satisfies APIRole;
  const guild: SimGuild = {
    id: guildId,
    name: input.name,
    ownerId,
    description: null,
    features: input.vanityCode ? [GuildFeature.VanityURL] : [],
    vanityUrlCode: input.vanityCode ?? null,
    vanityUses: 0,
    botPresent: input.botPresent ?? true,
    channels: new Map(),
    roles: new Map(),
    members: new Map(),
    bans: new Map(),
    invites: new Map(),
    voiceStates: new Map(),
    auditLog: [],
    autoModRules: new Map(),
  };
  guild.roles.set(guildId, role(guildId, '@everyone', 0, EVERYONE_PERMISSIONS));
  const botRoleId = ctx.ids.next();
  guild.roles.set(
    botRoleId,
    role(botRoleId, 'Guildscope', 2, input.botPermissions ?? DEFAULT_BOT_PERMISSIONS, {
      managed: true,
      tags: { bot_id: world.botUser.id },
    }),
  );
  const modRoleId = ctx.ids.next();
  guild.roles.set(
    modRoleId,
    role(
      modRoleId,
      'Moderator',
      1,
      EVERYONE_PERMISSIONS |
        PermissionFlagsBits.BanMembers |
        PermissionFlagsBits.KickMembers |
        PermissionFlagsBits.ModerateMembers |
        PermissionFlagsBits.ManageMessages |
        PermissionFlagsBits.ViewAuditLog,
    ),
  );
  let position = 0;
  for (const name of input.textChannels ?? ['general', 'welcome', 'moderation']) {
    addChannel(ctx, guild, { name, type: ChannelType.GuildText }, position++);
  }
  for (const name of input.voiceChannels ?? ['Lounge', 'Gaming']) {
    addChannel(ctx, guild, { name, type: ChannelType.GuildVoice }, position++);
  }
  world.guilds.set(guildId, guild);
  addMember(ctx, guildId, ownerId);
  if (guild.botPresent) {
    addMember(ctx, guildId, world.botUser.id, { roles: [botRoleId] });
    ctx.gateway.sendGuildCreate(guild, guild.members.get(world.botUser.id)!.joinedAt);
  }
  return guild;
}

export function guildRoles(guild: SimGuild): GuildRoles {
  const roles = [...guild.roles.values()];
  return {
    everyone: guild.id,
    bot: roles.find((r) => r.managed)!.id,
    moderator: roles.find((r) => r.name === 'Moderator')!.id,
  };
}

function addChannel(
  ctx: ActionContext,
  guild: SimGuild,
  input: { name: string; type: ChannelType.GuildText | ChannelType.GuildVoice },
  position: number,
): void {
  const id = ctx.ids.next();
  const base = {
    id,
    guild_id: guild.id,
    name: input.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    flags: 0,
  };
  const channel: APITextChannel | APIGuildVoiceChannel =
    input.type === ChannelType.GuildText
      ? { ...base, type: ChannelType.GuildText, topic: null, last_message_id: null, rate_limit_per_user: 0 }
      : {
          ...base,
          type: ChannelType.GuildVoice,
          bitrate: 64_000,
          user_limit: 0,
          rtc_region: null,
          last_message_id: null,
          rate_limit_per_user: 0,
        };
  guild.channels.set(id, channel);
  ctx.world.channelGuild.set(id, guild.id);
}

export interface AddMemberOptions {
  roles?: string[];
  /** Join time (ms). Default: now. */
  joinedAt?: number;
  nick?: string | null;
}

/** World setup: makes a user a member without any event (members present before the bot connects). */
export function addMember(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  opts: AddMemberOptions = {},
): SimMember {
  const member = putMember(ctx, guildId, userId, opts);
  ctx.truth.joined(guildId, userId, SETUP_JOIN, opts.joinedAt ?? ctx.clock.now());
  return member;
}

/** Puts a member object into the world; the caller records how they arrived. */
export function putMember(
  ctx: ActionContext,
  guildId: string,
  userId: string,
  opts: AddMemberOptions = {},
): SimMember {
  const guild = ctx.world.guild(guildId);
  ctx.world.user(userId);
  const member: SimMember = {
    userId,
    nick: opts.nick ?? null,
    roles: opts.roles ?? [],
    joinedAt: new Date(opts.joinedAt ?? ctx.clock.now()).toISOString(),
    communicationDisabledUntil: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
  };
  guild.members.set(userId, member);
  return member;
}

export interface GuildUpdateInput {
  name?: string;
  description?: string | null;
  vanityCode?: string | null;
  /** Who changed it (for the GUILD_UPDATE audit entry). Default: the owner. */
  executorId?: string;
}

/** GUILD_UPDATE with the new guild, plus audit entry 1 listing the changes. */
export function updateGuild(ctx: ActionContext, guildId: string, input: GuildUpdateInput): SimGuild {
  const guild = ctx.world.guild(guildId);
  const changes: { key: string; old_value?: unknown; new_value?: unknown }[] = [];
  if (input.name !== undefined && input.name !== guild.name) {
    changes.push({ key: 'name', old_value: guild.name, new_value: input.name });
    guild.name = input.name;
  }
  if (input.description !== undefined && input.description !== guild.description) {
    changes.push({ key: 'description', old_value: guild.description, new_value: input.description });
    guild.description = input.description;
  }
  if (input.vanityCode !== undefined && input.vanityCode !== guild.vanityUrlCode) {
    changes.push({ key: 'vanity_url_code', old_value: guild.vanityUrlCode, new_value: input.vanityCode });
    guild.vanityUrlCode = input.vanityCode;
    guild.features = guild.features.filter((f) => f !== GuildFeature.VanityURL);
    if (input.vanityCode) guild.features.push(GuildFeature.VanityURL);
  }
  if (changes.length === 0) return guild;
  emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.GuildUpdate,
      target_id: guild.id,
      user_id: input.executorId ?? guild.ownerId,
      changes: changes as never,
    },
    () => {
      if (guild.botPresent)
        ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildUpdate, toApiGuild(guild));
    },
  );
  return guild;
}

/** The bot is added to a guild: GUILD_CREATE (discord.js: `guildCreate`). */
export function addBotToGuild(ctx: ActionContext, guildId: string): SimGuild {
  const guild = ctx.world.guild(guildId);
  if (guild.botPresent) throw new DiscordApiError(400, 0, 'The bot is already in this guild');
  guild.botPresent = true;
  const botRole = [...guild.roles.values()].find((r) => r.managed);
  const member = putMember(ctx, guildId, ctx.world.botUser.id, { roles: botRole ? [botRole.id] : [] });
  ctx.truth.joined(guildId, ctx.world.botUser.id, { kind: 'botAdd', addedBy: guild.ownerId });
  guild.auditLog.push({
    id: ctx.ids.next(),
    action_type: AuditLogEvent.BotAdd,
    target_id: ctx.world.botUser.id,
    user_id: guild.ownerId,
  });
  ctx.gateway.sendGuildCreate(guild, member.joinedAt);
  return guild;
}

/** The bot is kicked from (or leaves) a guild: GUILD_DELETE without `unavailable` (discord.js: `guildDelete`). */
export function removeBotFromGuild(ctx: ActionContext, guildId: string): void {
  const guild = ctx.world.guild(guildId);
  if (!guild.botPresent) throw new DiscordApiError(400, 0, 'The bot is not in this guild');
  const data: GatewayGuildDeleteDispatchData = { id: guild.id };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildDelete, data);
  guild.botPresent = false;
  ctx.truth.departed(guild.id, ctx.world.botUser.id, { kind: 'botRemoved', moderatorId: null, reason: null });
  guild.members.delete(ctx.world.botUser.id);
}

/** Replaces the bot role's permissions (GUILD_ROLE_UPDATE), e.g. to take Manage Server away. */
export function setBotPermissions(ctx: ActionContext, guildId: string, permissions: bigint): void {
  const guild = ctx.world.guild(guildId);
  const role = [...guild.roles.values()].find((r) => r.managed);
  if (!role) throw new DiscordApiError(404, 10011, 'Unknown Role');
  const updated: APIRole = { ...role, permissions: permissions.toString() };
  guild.roles.set(role.id, updated);
  const data: GatewayGuildRoleModifyDispatchData = { guild_id: guild.id, role: updated };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildRoleUpdate, data);
}

/** An invite code derived from a fresh snowflake, so seeded runs repeat their codes. */
export const newInviteCode = (ctx: ActionContext): string => BigInt(ctx.ids.next()).toString(36).slice(-8);
