import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticSite } from './static-site.js';

describe('createStaticSite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-site-'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(dir, '_app', 'immutable'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Guildscope</title>');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
    writeFileSync(join(dir, '_app', 'immutable', 'start.abc123.js'), 'export {};');
    const site = createStaticSite(dir);
    server = createServer((req, res) => {
      if (site(req, res)) return;
      res.writeHead(404).end('not the site');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a folder without index.html (the dashboard was not built)', () => {
    expect(() => createStaticSite(join(dir, '_app'))).toThrow(/has no index.html: build the dashboard first/);
  });

  describe('when a file exists', () => {
    it('serves hashed assets as immutable for a year', async () => {
      const res = await fetch(`${url}/_app/immutable/start.abc123.js`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe('export {};');
    });

    it('serves other files for revalidation on every use', async () => {
      const res = await fetch(`${url}/robots.txt`);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-length')).toBe(String('User-agent: *'.length));
      expect(await res.text()).toBe('User-agent: *');
    });

    it('answers HEAD with the headers and no body', async () => {
      const res = await fetch(`${url}/robots.txt`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String('User-agent: *'.length));
      expect(await res.text()).toBe('');
    });

    it('serves the file as rebuilt, without a restart', async () => {
      writeFileSync(join(dir, 'robots.txt'), 'User-agent: guildscope');
      expect(await (await fetch(`${url}/robots.txt`)).text()).toBe('User-agent: guildscope');
      writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
    });
  });

  describe('when no file matches', () => {
    it('serves index.html to a page request (client-side route), not cached', async () => {
      const res = await fetch(`${url}/guilds/123/moderation`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Guildscope</title>');
      expect(await (await fetch(`${url}/`)).text()).toContain('<title>Guildscope</title>');
    });

    it('leaves anything else to the caller', async () => {
      expect((await fetch(`${url}/_app/immutable/missing.js`)).status).toBe(404);
      expect((await fetch(`${url}/robots.txt`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    });
  });
});
