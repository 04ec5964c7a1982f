import type { IncomingHttpHeaders } from 'node:http';

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** `X-Audit-Log-Reason`, URL-decoded as Discord does. */
  reason: string | null;
}

export interface RestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (req: RestRequest) => RestResponse | Promise<RestResponse>;

export const ok = (body: unknown): RestResponse => ({ status: 200, body });
export const created = (body: unknown): RestResponse => ({ status: 201, body });
export const noContent = (): RestResponse => ({ status: 204 });

interface Route {
  method: string;
  /** The route template (e.g. `/guilds/:guildId/bans/:userId`), used in the request log and rate limits. */
  template: string;
  regex: RegExp;
  keys: string[];
  handler: RestHandler;
}

/** A minimal method + path-template router: Discord's routes are few and fixed. */
export class RestRouter {
  private readonly routes: Route[] = [];

  on(method: string, template: string, handler: RestHandler): this {
    const keys: string[] = [];
    const pattern = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, template, regex: new RegExp(`^${pattern}/?$`), keys, handler });
    return this;
  }

  /** The matching route, `'method'` when the path exists with another method, or null. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1]!);
      });
      return { route, params };
    }
    return pathMatched ? 'method' : null;
  }
}
