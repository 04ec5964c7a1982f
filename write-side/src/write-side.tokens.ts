/** Injection tokens of the write side (used only by the NestJS outer layer). */
export const EVENT_STORE = Symbol('guildscope.write-side.event-store');
export const CLOCK = Symbol('guildscope.write-side.clock');
export const ID_GENERATOR = Symbol('guildscope.write-side.ids');
export const CONFIG_CHANGE_SIGNAL = Symbol('guildscope.write-side.config-change-signal');
export const BOT_EVENT_RECORDER = Symbol('guildscope.write-side.bot-event-recorder');
