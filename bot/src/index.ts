export { Bot, type BotOptions } from './bot.js';
export { type BotConfig, ConfigError as BotConfigError, loadBotConfig } from './config/bot-config.js';
export { botOptionsFromConfig } from './config/bot-options.js';
