import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotEvent } from '@guildscope/contracts';
import { allProjections, migrate, PgliteReadDb, ProjectionRunner } from '@guildscope/projections';
import { createWriteSide, RecordBotEvents, SqliteEventStore, type WriteSide } from '@guildscope/write-side';
import { afterAll, beforeAll } from '@jest/globals';
import { type Client, createClient } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { WriteSideModuleConfig } from '../modules/write-side-module-config.adapter.js';
import { type RunningApi, startApi } from '../server/start-api.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/**
 * The real stack on embedded engines for integration tests: SQLite event store in a temp dir, PGlite in
 * memory (migrated), the write side, the live projection runner with every read model, and the API on a
 * loopback port. `record()` goes through the write side's RecordBotEvents and waits for the projections.
 */
export interface ApiHarness {
  readonly api: RunningApi;
  readonly readDb: PgliteReadDb;
  readonly eventStore: SqliteEventStore;
  readonly writeSide: WriteSide;
  readonly runner: ProjectionRunner;
  record(events: readonly BotEvent[]): Promise<void>;
  gql<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<T>>;
  ws(token: string | null): Client;
  close(): Promise<void>;
}

export async function openApiHarness(options: { now?: () => Date } = {}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-api-'));
  const logger = pino({ level: 'silent' });
  const eventStore = new SqliteEventStore({ path: join(dir, 'events.db') });
  const readDb = await PgliteReadDb.open({ dataDir: 'memory' });
  await migrate(readDb);
  const writeSide = await createWriteSide({ eventStore });
  const runner = new ProjectionRunner({
    eventStore,
    db: readDb,
    projections: allProjections(),
    logger,
    batchWindowMs: 1,
  });
  runner.start();
  const api = await startApi({
    readDb,
    eventStore,
    modules: new WriteSideModuleConfig(writeSide, logger),
    logger,
    adminToken: ADMIN_TOKEN,
    processMetrics: false,
    ...(options.now ? { now: options.now } : {}),
  });
  const clients: Client[] = [];
  return {
    api,
    readDb,
    eventStore,
    writeSide,
    runner,
    async record(events) {
      await writeSide.commandBus.execute(new RecordBotEvents('bot-1', 0, events));
      await runner.waitForCatchUp();
    },
    async gql(token, query, variables) {
      const res = await fetch(api.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Omit<GraphqlResponse, 'status'>;
      return { status: res.status, ...body } as GraphqlResponse<never>;
    },
    ws(token) {
      const client = createClient({
        url: api.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await api.close();
      await runner.stop();
      await writeSide.close();
      await eventStore.close();
      await readDb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers jest hooks: a harness opened (API clock `now`) with `events` recorded before the file's tests,
 * closed after them. Returns the harness getter for the tests.
 */
export function useApiHarness(events: readonly BotEvent[], now: number): () => ApiHarness {
  let harness: ApiHarness | undefined;
  beforeAll(async () => {
    harness = await openApiHarness({ now: () => new Date(now) });
    await harness.record(events);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  }, 30_000);
  return () => {
    if (!harness) throw new Error('the API harness is not open (call it inside a test)');
    return harness;
  };
}

/** Subscribes and resolves with the first `count` payloads (rejects on an error or an early completion). */
export function takeFromSubscription<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count = 1,
): { result: Promise<T[]>; cancel: () => void } {
  const items: T[] = [];
  let cancel: () => void = () => {};
  const result = new Promise<T[]>((resolve, reject) => {
    cancel = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors) {
            reject(Object.assign(new Error(value.errors[0]?.message), { errors: value.errors }));
            return;
          }
          items.push(value.data as T);
          if (items.length === count) {
            cancel();
            resolve(items);
          }
        },
        error: (error) => {
          if (error instanceof Error) return reject(error);
          // A close event (e.g. 4401 for a missing token) or a list of GraphQL errors.
          const e = error as { code?: number; reason?: string };
          reject(
            Object.assign(new Error(`subscription failed: ${e.code ?? ''} ${e.reason ?? ''}`), {
              code: e.code,
              reason: e.reason,
              error,
            }),
          );
        },
        complete: () => {
          if (items.length < count) reject(new Error(`subscription completed after ${items.length} items`));
        },
      },
    );
  });
  return { result, cancel };
}
