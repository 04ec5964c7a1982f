import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { CLOCK, CONFIG_CHANGE_SIGNAL, EVENT_STORE, ID_GENERATOR } from '../write-side.tokens.js';
import type { ConfigChangeSignal } from './config-change.signal.js';
import { handleModuleConfigCommand, type ModuleConfigDeps } from './module-config.aggregate.js';
import { ModuleConfigCommandMessage, type ModuleConfigCommandResult } from './module-config.commands.js';

/** The NestJS side of the four module-config commands: injection here, the work in handleModuleConfigCommand. */
@CommandHandler(ModuleConfigCommandMessage)
export class ModuleConfigCommandsHandler
  implements ICommandHandler<ModuleConfigCommandMessage, ModuleConfigCommandResult>
{
  private readonly deps: ModuleConfigDeps;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Optional() @Inject(CONFIG_CHANGE_SIGNAL) signal?: ConfigChangeSignal,
  ) {
    this.deps = { eventStore, clock, ids, ...(signal ? { signal } : {}) };
  }

  execute(command: ModuleConfigCommandMessage): Promise<ModuleConfigCommandResult> {
    return handleModuleConfigCommand(this.deps, command);
  }
}
