/** Where the dashboard finds the GraphQL API: HTTP for queries and mutations, WebSocket for subscriptions. */
export interface Endpoint {
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** True when an `?api=` / localStorage override is in use (shown in the UI so nobody is surprised). */
  readonly overridden: boolean;
}

/** localStorage key of the API base override. */
export const API_OVERRIDE_KEY = 'guildscope.api';

/**
 * The API is served on the dashboard's own origin (`/graphql`); a developer may point the dashboard at
 * another API with `?api=http://host:port` (remembered in localStorage) and go back with `?api=default`.
 * Returns the endpoint and the override to store (`undefined`: leave storage as is, `null`: clear it).
 */
export function resolveEndpoint(
  href: string,
  stored: string | null,
): { endpoint: Endpoint; store: string | null | undefined } {
  const page = new URL(href);
  const param = page.searchParams.get('api');
  let override = stored;
  let store: string | null | undefined;
  if (param !== null) {
    if (param === '' || param === 'default') {
      override = null;
      store = null;
    } else {
      override = param;
      store = param;
    }
  }
  let base: URL;
  try {
    base = override ? new URL(override, page) : new URL(page.origin);
  } catch {
    // A malformed override must not lock the user out: fall back to the same origin.
    base = new URL(page.origin);
    override = null;
    store = null;
  }
  const http = new URL(base);
  if (!/\/graphql\/?$/.test(http.pathname)) http.pathname = `${http.pathname.replace(/\/$/, '')}/graphql`;
  const ws = new URL(http);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    endpoint: { httpUrl: http.toString(), wsUrl: ws.toString(), overridden: Boolean(override) },
    store,
  };
}
