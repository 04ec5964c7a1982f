import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import type { Clock } from '../core/clock.js';
import { RestChaos } from './rest-chaos.js';
import { type RestRequest, type RestResponse, RestRouter } from './rest-router.js';

/** One line of the REST request log. */
export interface RestLogEntry {
  method: string;
  path: string;
  /** The matched route template, e.g. `/guilds/:guildId/invites`. */
  route: string | null;
  status: number;
  at: number;
  durationMs: number;
}

export interface RestServerDeps {
  logger: Logger;
  clock: Clock;
  isValidToken: (token: string) => boolean;
}

/** Discord's REST API under `/api/v10` (and `/api/v9`): auth, routing, JSON errors, chaos, request log. */
export class RestServer {
  readonly router = new RestRouter();
  readonly chaos = new RestChaos();
  readonly log: RestLogEntry[] = [];
  /** Routes that need no token (Discord's GET /invites/:code is public; /gateway too). */
  private readonly publicRoutes = new Set(['GET /gateway', 'GET /invites/:code']);

  constructor(private readonly deps: RestServerDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse, apiPath: string): Promise<void> {
    const started = performance.now();
    const url = new URL(apiPath, 'http://sim');
    const path = url.pathname.replace(/^\/v(9|10)(?=\/)/, '');
    const method = req.method ?? 'GET';
    let routeTemplate: string | null = null;
    let response: RestResponse;
    try {
      const body = await readJson(req);
      const match = this.router.match(method, path);
      if (match === null) throw apiErrors.notFound();
      if (match === 'method') throw apiErrors.methodNotAllowed();
      routeTemplate = match.route.template;
      if (!this.publicRoutes.has(`${method} ${routeTemplate}`)) {
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bot ') || !this.deps.isValidToken(auth.slice(4)))
          throw apiErrors.unauthorized();
      }
      if (this.chaos.delayMs > 0) await new Promise((r) => setTimeout(r, this.chaos.delayMs));
      const limited = this.chaos.take(routeTemplate, path);
      if (limited) {
        response = rateLimited(limited.scope === 'global', limited.retryAfterMs, routeTemplate);
      } else {
        const reasonHeader = req.headers['x-audit-log-reason'];
        const request: RestRequest = {
          method,
          path,
          params: match.params,
          query: url.searchParams,
          body,
          headers: req.headers,
          reason: typeof reasonHeader === 'string' ? decodeURIComponent(reasonHeader) : null,
        };
        response = await match.route.handler(request);
      }
    } catch (error) {
      if (error instanceof DiscordApiError) {
        response = { status: error.status, body: error.toJSON() };
      } else {
        this.deps.logger.error({ err: error, method, path }, 'simulator REST handler failed');
        response = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
      }
    }
    this.log.push({
      method,
      path,
      route: routeTemplate,
      status: response.status,
      at: this.deps.clock.now(),
      durationMs: performance.now() - started,
    });
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(payload ? { 'content-type': 'application/json' } : {}),
      ...response.headers,
    });
    res.end(payload);
  }
}

function rateLimited(global: boolean, retryAfterMs: number, route: string): RestResponse {
  const seconds = (retryAfterMs / 1000).toFixed(3);
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterMs / 1000, global, code: 0 },
    headers: global
      ? { 'retry-after': seconds, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
      : {
          'retry-after': seconds,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': seconds,
          'x-ratelimit-bucket': `sim-${Buffer.from(route).toString('base64url').slice(0, 16)}`,
          'x-ratelimit-scope': 'user',
        },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) {
    // discord.js sends multipart only for attachments, which the simulator does not model.
    throw apiErrors.invalidField('_', 'CONTENT_TYPE_INVALID', 'Expected application/json');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}
