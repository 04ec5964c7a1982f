import { formatIssues, parseModuleChangeEvent } from '@guildscope/contracts';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io-client';
import type { ModuleRuntime, ModuleState } from '../modules/module-runtime.js';
import type { Outbox } from '../outbox/outbox.js';

const POSITION_KEY = 'configPosition';

/**
 * Consumes the gateway's config feed: `module:config-snapshot` (on connect without a position: every
 * module state of this shard's guilds) and `module:change` (each change with its global position).
 * Changes are applied one at a time, in order; after a change is applied its position is persisted (in
 * the outbox DB) and acked with `module:ack`, so a restarted bot resumes after it.
 */
export class ConfigFeed {
  private chain: Promise<void> = Promise.resolve();
  private current: string | undefined;
  private appliedListeners: Array<(position: string | undefined) => void> = [];

  constructor(
    private readonly modules: ModuleRuntime,
    private readonly outbox: Outbox<never> | Outbox<{ id: string; type: string; guildId: string }>,
    private readonly logger: Logger,
    private readonly guildScope: () => ReadonlySet<string>,
  ) {
    this.current = outbox.getState(POSITION_KEY);
  }

  /** Last applied position (sent in the handshake to resume). */
  position(): string | undefined {
    return this.current;
  }

  /** Resolves after the next change/snapshot is applied (tests). */
  nextApplied(): Promise<string | undefined> {
    return new Promise((resolve) => this.appliedListeners.push(resolve));
  }

  attach(socket: Socket): void {
    socket.on('module:config-snapshot', (payload: unknown, ack?: (a: unknown) => void) => {
      this.enqueue(async () => {
        const { states, position } = readSnapshot(payload);
        await this.modules.applySnapshot(states, this.guildScope());
        this.commit(socket, position, ack);
      });
    });
    socket.on('module:change', (payload: unknown, ack?: (a: unknown) => void) => {
      this.enqueue(async () => {
        const parsed = parseModuleChangeEvent(payload);
        const position = (payload as { position?: unknown } | null)?.position;
        if (!parsed.ok) {
          // Acked anyway: a change this bot cannot read would otherwise block the feed forever.
          this.logger.error(
            { component: 'config-feed', errors: formatIssues(parsed.errors), position },
            'invalid module:change skipped',
          );
        } else {
          const c = parsed.value;
          const enabled = c.action === 'enabled' || c.action === 'config_updated';
          await this.modules.apply({ guildId: c.guildId, moduleId: c.moduleId, enabled, config: c.config });
        }
        this.commit(socket, typeof position === 'string' ? position : undefined, ack);
      });
    });
  }

  /** Applies the snapshot of guilds added to a running connection (`guilds:add` ack). No position: changes follow. */
  applyAddedGuilds(snapshot: unknown): void {
    this.enqueue(async () => {
      const { states } = readSnapshot(snapshot);
      for (const s of states) await this.modules.apply(s);
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((err) => {
      this.logger.error({ component: 'config-feed', err: String(err) }, 'config change failed to apply');
    });
  }

  private commit(socket: Socket, position: string | undefined, ack?: (a: unknown) => void): void {
    if (position !== undefined) {
      this.outbox.setState(POSITION_KEY, position);
      this.current = position;
      socket.emit('module:ack', { position });
    }
    ack?.({ ok: true, position });
    const l = this.appliedListeners;
    this.appliedListeners = [];
    for (const f of l) f(position);
  }
}

/** Reads the gateway's `ModuleConfigsSnapshot`: `{ position, guilds: [{ guildId, modules: [{ moduleId, enabled, config }] }] }`. */
export function readSnapshot(payload: unknown): { states: ModuleState[]; position: string | undefined } {
  const p = (payload ?? {}) as { position?: unknown; guilds?: unknown };
  const states: ModuleState[] = [];
  for (const g of Array.isArray(p.guilds) ? p.guilds : []) {
    const guild = g as { guildId?: unknown; modules?: unknown };
    if (typeof guild.guildId !== 'string' || !Array.isArray(guild.modules)) continue;
    for (const m of guild.modules as Array<{ moduleId?: unknown; enabled?: unknown; config?: unknown }>) {
      if (typeof m.moduleId !== 'string') continue;
      states.push({
        guildId: guild.guildId,
        moduleId: m.moduleId,
        enabled: m.enabled === true,
        config: m.config,
      });
    }
  }
  return { states, position: typeof p.position === 'string' ? p.position : undefined };
}
