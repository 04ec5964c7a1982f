import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { EventStore } from './event-store/event-store.port.js';
import { ConfigChangeSignal } from './module-config/config-change.signal.js';
import { ModuleConfigFeed, type ModuleConfigFeedOptions } from './module-config/module-config.feed.js';
import { ModuleConfigWatch } from './module-config/module-config.watch.js';
import { WriteSideModule, type WriteSideOptions } from './write-side.module.js';
import { CONFIG_CHANGE_SIGNAL } from './write-side.tokens.js';

/** A running write side for processes that are not NestJS applications themselves (the gateway, scripts). */
export interface WriteSide {
  readonly commandBus: CommandBus;
  readonly queryBus: QueryBus;
  readonly eventStore: EventStore;
  /**
   * A module-config change feed woken at once by this write side's commands; every feed of the write side
   * shares one watch of the log (one scan of what is appended however many bots are connected).
   */
  configChanges(options?: Omit<ModuleConfigFeedOptions, 'watch'>): ModuleConfigFeed;
  /** Closes the NestJS context (not the event store: its owner closes it). */
  close(): Promise<void>;
}

/** Boots `WriteSideModule` in a standalone NestJS application context. */
export async function createWriteSide(
  options: WriteSideOptions & {
    /** How often the config feeds' shared watch looks for changes made by other processes. Default 100 ms. */
    readonly configPollIntervalMs?: number;
  },
): Promise<WriteSide> {
  const app = await NestFactory.createApplicationContext(WriteSideModule.forRoot(options), {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  const signal = app.get<ConfigChangeSignal>(CONFIG_CHANGE_SIGNAL);
  const watch = new ModuleConfigWatch(options.eventStore, {
    signal,
    ...(options.configPollIntervalMs === undefined ? {} : { pollIntervalMs: options.configPollIntervalMs }),
  });
  return {
    commandBus: app.get(CommandBus),
    queryBus: app.get(QueryBus),
    eventStore: options.eventStore,
    configChanges: (feedOptions = {}) => new ModuleConfigFeed(options.eventStore, { ...feedOptions, watch }),
    close: () => app.close(),
  };
}
