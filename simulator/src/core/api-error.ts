import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** A Discord-style REST error: HTTP status plus the JSON body `{ message, code, errors? }`. */
export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  toJSON(): { message: string; code: number; errors?: unknown } {
    return this.errors === undefined
      ? { message: this.message, code: this.code }
      : { message: this.message, code: this.code, errors: this.errors };
  }
}

export const apiErrors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  unknownGuild: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  unknownChannel: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  unknownMember: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  unknownMessage: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  unknownUser: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  unknownBan: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownBan, 'Unknown Ban'),
  unknownInvite: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownInvite, 'Unknown Invite'),
  unknownRole: () => new DiscordApiError(404, RESTJSONErrorCodes.UnknownRole, 'Unknown Role'),
  unknownEmoji: () => new DiscordApiError(400, RESTJSONErrorCodes.UnknownEmoji, 'Unknown Emoji'),
  missingPermissions: () =>
    new DiscordApiError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'),
  missingAccess: () => new DiscordApiError(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access'),
  invalidForm: (errors: unknown) =>
    new DiscordApiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', errors),
  /** Field-level validation error in Discord's nested `errors` format. */
  invalidField: (field: string, code: string, message: string) =>
    new DiscordApiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
      [field]: { _errors: [{ code, message }] },
    }),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
};
