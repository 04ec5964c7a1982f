import {
  formatIssues,
  type ModuleConfigsSnapshot,
  moduleAckSchema,
  moduleChangeMessageSchema,
  moduleConfigsSnapshotSchema,
  safeParseWith,
} from '@guildscope/contracts';
import type { Logger } from 'pino';
import type { ModuleRuntime, ModuleState } from '../modules/module-runtime.js';
import type { Outbox } from '../outbox/outbox.js';
import type { GatewaySocket } from './gateway-client.js';

const POSITION_KEY = 'configPosition';

/**
 * Consumes the gateway's config feed: `module:config-snapshot` (on connect without a position: every
 * module state of this shard's guilds) and `module:change` (each change with its global position).
 * Changes are applied one at a time, in order; after a change is applied its position is persisted (in
 * the outbox DB) and acked with `module:ack`, so a restarted bot resumes after it. Every payload is
 * parsed with the contracts' schema before it is applied.
 */
export class ConfigFeed {
  private chain: Promise<void> = Promise.resolve();
  private current: string | undefined;
  private appliedListeners: Array<(position: string | undefined) => void> = [];

  constructor(
    private readonly modules: ModuleRuntime,
    private readonly outbox: Pick<Outbox, 'getState' | 'setState'>,
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

  attach(socket: GatewaySocket): void {
    socket.on('module:config-snapshot', (payload) => {
      this.enqueue(async () => {
        const parsed = safeParseWith(moduleConfigsSnapshotSchema, payload);
        if (!parsed.ok) {
          // Nothing applied, nothing acked: the changes that follow still apply on top of what is live.
          this.logger.error(
            { component: 'config-feed', errors: formatIssues(parsed.errors) },
            'invalid module:config-snapshot ignored',
          );
          return;
        }
        await this.modules.applySnapshot(statesOf(parsed.value), this.guildScope());
        this.commit(socket, parsed.value.position ?? undefined);
      });
    });
    socket.on('module:change', (payload) => {
      this.enqueue(async () => {
        const parsed = safeParseWith(moduleChangeMessageSchema, payload);
        if (!parsed.ok) {
          // Acked anyway when its position is readable: a change this bot cannot read would otherwise
          // block the feed forever.
          const position = moduleAckSchema.safeParse(payload);
          this.logger.error(
            {
              component: 'config-feed',
              errors: formatIssues(parsed.errors),
              position: position.success ? position.data.position : undefined,
            },
            'invalid module:change skipped',
          );
          this.commit(socket, position.success ? position.data.position : undefined);
          return;
        }
        const c = parsed.value;
        const enabled = c.action === 'enabled' || c.action === 'config_updated';
        await this.modules.apply({ guildId: c.guildId, moduleId: c.moduleId, enabled, config: c.config });
        this.commit(socket, c.position);
      });
    });
  }

  /** Applies the snapshot of guilds added to a running connection (`guilds:add` ack). No position: changes follow. */
  applyAddedGuilds(snapshot: ModuleConfigsSnapshot): void {
    this.enqueue(async () => {
      for (const s of statesOf(snapshot)) await this.modules.apply(s);
    });
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((err) => {
      this.logger.error({ component: 'config-feed', err: String(err) }, 'config change failed to apply');
    });
  }

  private commit(socket: GatewaySocket, position: string | undefined): void {
    if (position !== undefined) {
      this.outbox.setState(POSITION_KEY, position);
      this.current = position;
      socket.emit('module:ack', { position });
    }
    const l = this.appliedListeners;
    this.appliedListeners = [];
    for (const f of l) f(position);
  }
}

/** Every module state a snapshot lists. */
function statesOf(snapshot: ModuleConfigsSnapshot): ModuleState[] {
  return snapshot.guilds.flatMap((g) =>
    g.modules.map((m) => ({
      guildId: g.guildId,
      moduleId: m.moduleId,
      enabled: m.enabled,
      config: m.config,
    })),
  );
}
