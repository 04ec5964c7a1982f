import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createStaticSite } from '@guildscope/api';
import type { Logger } from 'pino';

export interface WebServerOptions {
  /** The built dashboard (`web/build`). */
  readonly webDir: string;
  /** The API the dashboard talks to, e.g. `http://api:4000`; `/graphql` (HTTP and WebSocket) is proxied there. */
  readonly apiUrl: string;
  readonly port: number;
  readonly host?: string;
  readonly logger: Logger;
}

export interface RunningWebServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The `web` container: serves the static dashboard and proxies `/graphql` (queries, and graphql-ws
 * subscriptions via the HTTP upgrade) to the API, so the browser stays on one origin (no CORS, and the
 * bearer token never leaves it).
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const site = createStaticSite(options.webDir);
  const api = new URL(options.apiUrl);
  const apiPort = Number(api.port || (api.protocol === 'https:' ? 443 : 80));
  const isApiPath = (url: string | undefined) => /^\/(graphql|healthz)(\?|\/|$)/.test(url ?? '/');

  const server: Server = createServer((req, res) => {
    if (!isApiPath(req.url)) {
      if (site(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Not found: ${req.url}` }));
      return;
    }
    const upstream = request(
      {
        host: api.hostname,
        port: apiPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: api.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      options.logger.warn({ err: error, url: req.url }, 'API unreachable');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `The API at ${options.apiUrl} is unreachable` }] }));
    });
    req.pipe(upstream);
  });

  // WebSocket subscriptions: replay the upgrade request to the API and splice the two sockets.
  server.on('upgrade', (req, socket, head) => {
    if (!isApiPath(req.url)) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const upstream = connect(apiPort, api.hostname, () => {
      const headers = Object.entries({ ...req.headers, host: api.host })
        .flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`],
        )
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
