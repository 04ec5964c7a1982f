export { Bot, type BotOptions } from './bot.js';
export { type BotConfig, botConfig, loadBotConfig } from './config/bot-config.js';
export { botOptionsFromConfig } from './config/bot-options.js';
export { shardingConfig } from './config/sharding-config.js';
