/**
 * Every size and range limit of the contracts, in one place so the bot, the gateway and the docs quote
 * the same numbers. Strings are measured in UTF-16 code units (JavaScript `length`), like Discord does.
 */

/** Largest number of events in one `to-backend` batch; a longer batch is refused whole. */
export const MAX_BATCH_LENGTH = 500;
/** Largest JSON size (UTF-8 bytes) of one batch; a larger batch is refused whole. */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Largest JSON size (UTF-8 bytes) of one event (a metrics snapshot of a busy guild fits). */
export const MAX_EVENT_BYTES = 512 * 1024;
/** Deepest nesting of objects/arrays accepted anywhere in an event (the deepest real field is at 7). */
export const MAX_JSON_DEPTH = 16;
/** Most validation issues reported for one event or config; the rest are summarised in one issue. */
export const MAX_REPORTED_ISSUES = 20;

/** Usernames and display names (Discord: 32). */
export const MAX_USERNAME_LENGTH = 32;
/** Guild, channel, role and automod-rule names (Discord: 100). */
export const MAX_NAME_LENGTH = 100;
/** Moderation reasons (Discord audit-log reasons: 512). */
export const MAX_REASON_LENGTH = 512;
/** Message content (Discord with Nitro: 4000). */
export const MAX_CONTENT_LENGTH = 4000;
/** Invite codes, vanity codes included. */
export const MAX_INVITE_CODE_LENGTH = 32;
/** Avatar and icon hashes (`a_` + 32 hex digits, with room to spare). */
export const MAX_HASH_LENGTH = 64;
/** One emoji key: a Unicode sequence or a custom `name:id`. */
export const MAX_EMOJI_LENGTH = 100;
/** Excerpts of matched content (automod), keep them short: they are stored forever. */
export const MAX_EXCERPT_LENGTH = 100;
/** Guild feature flags (`COMMUNITY`, `PARTNERED`...): length of one and count. */
export const MAX_FEATURE_LENGTH = 64;
export const MAX_GUILD_FEATURES = 100;
/** Roles a member can hold (Discord: 250 roles per guild). */
export const MAX_MEMBER_ROLES = 250;
/** Message ids in one bulk-delete event (Discord's endpoint: 100; ban purges can emit more). */
export const MAX_BULK_DELETE_IDS = 1000;
/** Audit-log entries: changes per entry, key length, string value length, items in an array value. */
export const MAX_AUDIT_CHANGES = 100;
export const MAX_AUDIT_KEY_LENGTH = 64;
export const MAX_AUDIT_VALUE_LENGTH = 1024;
export const MAX_AUDIT_VALUE_ITEMS = 250;
/** Invites: Discord's own maxima for `max_uses` and `max_age` (seconds). */
export const MAX_INVITE_MAX_USES = 100;
export const MAX_INVITE_MAX_AGE_SECONDS = 604_800;
/** Invites one `INVITE_SYNC` carries (Discord lists a guild's invites in one response). */
export const MAX_SYNCED_INVITES = 1000;
/** Members one `GUILD_MEMBERS_SYNC` chunk carries (Discord's own member chunks hold 1000). */
export const MAX_SYNCED_MEMBERS = 1000;

/** Snapshots: distinct channels, members and emojis in one period's maps. */
export const MAX_SNAPSHOT_CHANNELS = 2000;
export const MAX_SNAPSHOT_MEMBERS = 5000;
export const MAX_SNAPSHOT_EMOJIS = 1000;
/** Snapshots: entries in `topChannels` / `topEmojis`, in `topActiveMembers`, and per-member top channels. */
export const MAX_TOP_ENTRIES = 50;
export const MAX_TOP_ACTIVE_MEMBERS = 100;
export const MAX_MEMBER_TOP_CHANNELS = 25;
/** Member-activity snapshots: members per event (the bot splits a larger period into several events). */
export const MAX_ACTIVITY_MEMBERS = 2000;
/** Longest snapshot period (seconds). */
export const MAX_SNAPSHOT_PERIOD_SECONDS = 86_400;

/** Latest timestamp accepted (2100-01-01, ms): later means a unit or clock bug. */
export const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);
/** Bot ids in metadata and handshakes. */
export const MAX_BOT_ID_LENGTH = 64;
/** Largest shard id (Discord shards are numbered from 0). */
export const MAX_SHARD_ID = 65_535;
/** Bot tokens in the gateway handshake. */
export const MAX_BOT_TOKEN_LENGTH = 512;
/** Most guilds one gateway connection serves (Discord caps a shard at 2,500; room for unsharded bots). */
export const MAX_HANDSHAKE_GUILDS = 10_000;

/** Welcome module: message template length (Discord message limit). */
export const MAX_WELCOME_MESSAGE_LENGTH = 2000;
/** Automod module: rules per guild, rule id length, banned words per rule and word length. */
export const MAX_AUTOMOD_RULES = 50;
export const MAX_RULE_ID_LENGTH = 64;
export const MAX_BANNED_WORDS = 500;
export const MAX_BANNED_WORD_LENGTH = 64;
/** Automod module: `maxMentions` range for mention-spam rules. */
export const MIN_MAX_MENTIONS = 1;
export const MAX_MAX_MENTIONS = 50;
/** Automod module: timeout length range (Discord: up to 28 days). */
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 2_419_200;
/** Automod module: exempt roles / channels per rule. */
export const MAX_EXEMPT_IDS = 100;
/** Largest JSON size of one module configuration (the seed: "no config over 1 MB"; we are stricter). */
export const MAX_MODULE_CONFIG_BYTES = 64 * 1024;
/** Actor ids (API token ids, system component names) and names. */
export const MAX_ACTOR_ID_LENGTH = 64;
