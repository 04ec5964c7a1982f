import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { CLOCK, CONFIG_CHANGE_SIGNAL, EVENT_STORE, ID_GENERATOR } from '../write-side.tokens.js';
import type { ConfigChangeSignal } from './config-change.signal.js';
import { type ModuleConfigCommandResult, UpdateModuleConfig } from './module-config.commands.js';
import { executeModuleConfigCommand } from './module-config.repository.js';

@CommandHandler(UpdateModuleConfig)
export class UpdateModuleConfigHandler
  implements ICommandHandler<UpdateModuleConfig, ModuleConfigCommandResult>
{
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Optional() @Inject(CONFIG_CHANGE_SIGNAL) private readonly signal?: ConfigChangeSignal,
  ) {}

  execute(command: UpdateModuleConfig): Promise<ModuleConfigCommandResult> {
    return executeModuleConfigCommand(
      { eventStore: this.eventStore, clock: this.clock, ids: this.ids, signal: this.signal },
      'UpdateModuleConfig',
      command.input,
    );
  }
}
