import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import sirv, { type Options } from 'sirv';

const options: Options = {
  // Look files up on each request (sirv's "dev" mode) rather than list them once at start: a dashboard
  // rebuilt while the server runs is served as built, never with the sizes of the previous build.
  dev: true,
  etag: true,
  setHeaders(res, pathname) {
    // SvelteKit puts a content hash in every name under _app/immutable; everything else may change.
    const immutable = pathname.startsWith('/_app/immutable/');
    res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
  },
};

/**
 * Serves a built single-page app (the SvelteKit static build) with sirv: files as they are, `index.html`
 * for any other GET that wants HTML (client-side routes such as `/guilds/123/moderation`). Returns false
 * when the request is not for the site, so the caller can answer 404.
 */
export function createStaticSite(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`WEB_DIR ${root} has no index.html: build the dashboard first (npm run build -w web)`);
  const files = sirv(root, options);
  // For pages: the file when there is one, else index.html (`ignores: false`: also for paths with a dot).
  const pages = sirv(root, { ...options, single: true, ignores: false });

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (/text\/html/.test(req.headers.accept ?? '')) {
      pages(req, res);
      return true;
    }
    let found = true;
    files(req, res, () => {
      found = false;
    });
    return found;
  };
}
