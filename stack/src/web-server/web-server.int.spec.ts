import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { type RunningWebServer, startWebServer } from './web-server.js';

// The upstream stands in for the API's HTTP + WebSocket surface; what is under test is the proxy.
describe('web container server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-web-'));
  let upstream: Server;
  let web: RunningWebServer;
  const seenAuth: string[] = [];

  beforeAll(async () => {
    mkdirSync(join(dir, '_app'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Guildscope</title>');
    writeFileSync(join(dir, '_app', 'app.js'), 'console.log(1)');
    upstream = createServer((req, res) => {
      seenAuth.push(String(req.headers.authorization));
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { echo: JSON.parse(body || '{}').query ?? null, path: req.url } }));
      });
    });
    const wss = new WebSocketServer({ server: upstream, path: '/graphql' });
    wss.on('connection', (socket, req) => {
      socket.send(`hello ${req.headers['sec-websocket-protocol']}`);
      socket.on('message', (m) => socket.send(`echo ${m.toString()}`));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const { port } = upstream.address() as AddressInfo;
    web = await startWebServer({
      webDir: dir,
      apiUrl: `http://127.0.0.1:${port}`,
      port: 0,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await web.close();
    await new Promise<void>((r) => {
      upstream.closeAllConnections();
      upstream.close(() => r());
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the dashboard files and index.html for client-side routes', async () => {
    const asset = await fetch(`${web.url}/_app/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toBe('console.log(1)');
    const route = await fetch(`${web.url}/guilds/123/moderation`, { headers: { accept: 'text/html' } });
    expect(await route.text()).toContain('<title>Guildscope</title>');
    expect((await fetch(`${web.url}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${web.url}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });

  it('proxies GraphQL over HTTP with the bearer token', async () => {
    const res = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken' },
      body: JSON.stringify({ query: '{ guilds { id } }' }),
    });
    expect(await res.json()).toEqual({ data: { echo: '{ guilds { id } }', path: '/graphql' } });
    expect(seenAuth).toContain('Bearer t0ken');
  });

  it('proxies graphql-ws subscriptions through the WebSocket upgrade', async () => {
    const socket = new WebSocket(`${web.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (m) => {
        messages.push(m.toString());
        if (messages.length === 1) socket.send('ping');
        if (messages.length === 2) resolve();
      });
      socket.on('error', reject);
    });
    socket.close();
    expect(messages).toEqual(['hello graphql-transport-ws', 'echo ping']);
  });

  it('answers 502 with a clear message when the API is down', async () => {
    const down = await startWebServer({
      webDir: dir,
      apiUrl: 'http://127.0.0.1:9',
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    const res = await fetch(`${down.url}/graphql`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/unreachable/);
    await down.close();
  });
});
