import {
  type APIAuditLogEntry,
  GatewayDispatchEvents,
  type GatewayGuildAuditLogEntryCreateDispatchData,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { SnowflakeGenerator } from '../core/snowflake.js';
import type { GatewayServer } from '../gateway/gateway-server.js';
import type { TruthLedger } from '../truth/truth-ledger.js';
import type { World } from '../world/world.js';
import type { SimGuild } from '../world/world.types.js';

/** Behaviour knobs that differ between real-world situations the bot must survive. */
export interface SimSettings {
  /**
   * Window in which a moderator's deletes of the same author's messages in the same channel are merged into
   * one MESSAGE_DELETE audit entry (count + 1, no new GUILD_AUDIT_LOG_ENTRY_CREATE, as on Discord).
   */
  auditMergeWindowMs: number;
  /** Default order of an action's audit-log entry relative to its other events. */
  auditTiming: AuditTiming;
  /** For a single-use invite used up by a join: send INVITE_DELETE before GUILD_MEMBER_ADD (default after). */
  inviteDeleteBeforeJoin: boolean;
}

/**
 * When the GUILD_AUDIT_LOG_ENTRY_CREATE of an action is sent: `before` or `after` its other events, after a
 * delay (the entry is also absent from GET audit-logs until then), or never (`emit: false`, REST only).
 */
export interface AuditTiming {
  position?: 'before' | 'after';
  delayMs?: number;
  emit?: boolean;
}

export interface ActionContext {
  world: World;
  gateway: GatewayServer;
  clock: Clock;
  ids: SnowflakeGenerator;
  logger: Logger;
  settings: SimSettings;
  /** Where every action records what really happened (the oracle's ground truth). */
  truth: TruthLedger;
  /** Runs `fn` later; the simulator tracks the timer so `settled()` and `stop()` know about it. */
  later(delayMs: number, fn: () => void): void;
}

export const nowIso = (ctx: ActionContext): string => new Date(ctx.clock.now()).toISOString();

/**
 * Emits an action's events with its audit entry placed as `timing` says. The entry is appended to the
 * guild's audit log at the moment it is announced.
 */
export function emitWithAudit(
  ctx: ActionContext,
  guild: SimGuild,
  entry: Omit<APIAuditLogEntry, 'id'>,
  emitEvents: () => void,
  timing: AuditTiming = {},
): APIAuditLogEntry {
  const t = { ...ctx.settings.auditTiming, ...timing };
  const full: APIAuditLogEntry = { id: ctx.ids.next(), ...entry };
  const announce = () => {
    guild.auditLog.push(full);
    if (t.emit !== false) dispatchAuditEntry(ctx, guild, full);
  };
  if (t.delayMs && t.delayMs > 0) {
    emitEvents();
    ctx.later(t.delayMs, announce);
  } else if (t.position === 'before') {
    announce();
    emitEvents();
  } else {
    emitEvents();
    announce();
  }
  return full;
}

/** GUILD_AUDIT_LOG_ENTRY_CREATE: GUILD_MODERATION intent and, on Discord, the View Audit Log permission. */
export function dispatchAuditEntry(ctx: ActionContext, guild: SimGuild, entry: APIAuditLogEntry): void {
  const data: GatewayGuildAuditLogEntryCreateDispatchData = { ...entry, guild_id: guild.id };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.GuildAuditLogEntryCreate, data, {
    requiresPermission: PermissionFlagsBits.ViewAuditLog,
  });
}
