import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves a built single-page app (the SvelteKit static build): files as they are, `index.html` for any
 * other GET that wants HTML (client-side routes such as `/guilds/123/moderation`). Returns false when the
 * request is not for the site, so the caller can answer 404.
 */
export function createStaticSite(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index))
    throw new Error(`WEB_DIR ${root} has no index.html: build the dashboard first (npm run build -w web)`);

  const send = (res: ServerResponse, file: string, method: string) => {
    const immutable = file.includes(`${sep}_app${sep}immutable${sep}`);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };

  return (req, res) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return false;
    }
    // normalize() resolves "..": anything that escapes the root is not ours to serve.
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
      send(res, file, method);
      return true;
    }
    if (/text\/html/.test(req.headers.accept ?? '') || path === '/') {
      send(res, index, method);
      return true;
    }
    return false;
  };
}
