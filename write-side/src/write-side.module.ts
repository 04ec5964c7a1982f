import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BotEventRecorder } from './bot-events/bot-event.recorder.js';
import { RecordBotEventsHandler } from './bot-events/record-bot-events.handler.js';
import type { EventStore } from './event-store/event-store.port.js';
import { ConfigChangeSignal } from './module-config/config-change.signal.js';
import { GetModuleConfigsHandler } from './module-config/get-module-configs.handler.js';
import { ModuleConfigCommandsHandler } from './module-config/module-config.commands.handler.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from './shared/clock.js';
import {
  BOT_EVENT_RECORDER,
  CLOCK,
  CONFIG_CHANGE_SIGNAL,
  EVENT_STORE,
  ID_GENERATOR,
} from './write-side.tokens.js';

export interface WriteSideOptions {
  /** The event store adapter (SQLite or EventStoreDB); the caller owns it and closes it. */
  readonly eventStore: EventStore;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Ids of the events the write side creates (module config). Default: random UUIDs. */
  readonly ids?: IdGenerator;
  /** Shared with change feeds of the same process so they wake at once. Default: a new one. */
  readonly configChangeSignal?: ConfigChangeSignal;
}

/**
 * The write side as a NestJS module: import `WriteSideModule.forRoot({ eventStore })` and use
 * `CommandBus`/`QueryBus` (`RecordBotEvents`, `EnableModule`, `DisableModule`, `UpdateModuleConfig`,
 * `ResetModule`, `GetModuleConfigs`). Injection stops here: handlers call plain functions.
 */
@Module({})
export class WriteSideModule {
  static forRoot(options: WriteSideOptions): DynamicModule {
    return {
      module: WriteSideModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: options.eventStore },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? randomIds },
        { provide: CONFIG_CHANGE_SIGNAL, useValue: options.configChangeSignal ?? new ConfigChangeSignal() },
        {
          provide: BOT_EVENT_RECORDER,
          useFactory: (eventStore: EventStore, clock: Clock) => new BotEventRecorder(eventStore, clock),
          inject: [EVENT_STORE, CLOCK],
        },
        RecordBotEventsHandler,
        ModuleConfigCommandsHandler,
        GetModuleConfigsHandler,
      ],
      exports: [EVENT_STORE, CLOCK, ID_GENERATOR, CONFIG_CHANGE_SIGNAL, CqrsModule],
    };
  }
}
