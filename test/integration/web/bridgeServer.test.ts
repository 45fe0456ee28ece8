// The loopback bridge must only serve its own page: these tests send real HTTP requests to a
// real bridge running the real services, with and without the token and from foreign origins.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices, type Services } from '../../../main/services';
import { startBridgeServer, TOKEN_HEADER, type BridgeServer } from '../../../main/web/bridgeServer';

let dir: string;
let services: Services;
let bridge: BridgeServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-bridge-'));
  const staticDir = path.join(dir, 'renderer');
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(path.join(dir, 'outside.txt'), 'outside');
  services = await createServices(createNodePlatform({ dataDir: path.join(dir, 'data'), logger: silentLogger }));
  bridge = await startBridgeServer({ dispatch: services.dispatch, events: services.events, staticDir });
});
afterAll(async () => {
  await bridge.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

/** Raw HTTP so the test controls Host and Origin exactly as an attacker could. */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const port = Number(new URL(bridge.url).port);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const invoke = (command: string, payload: unknown, headers: Record<string, string>) =>
  send({ method: 'POST', path: `/ipc/${command}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(payload) });

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 and hands the token only in the URL fragment', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.launchUrl).toBe(`${bridge.url}/#token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a command that carries the token and our origin', async () => {
    const res = await invoke('app:info', {}, { [TOKEN_HEADER]: bridge.token, Origin: bridge.url });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Orchard', mode: 'browser' } });
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await invoke('app:info', {}, {})).status).toBe(401);
    expect((await invoke('app:info', {}, { [TOKEN_HEADER]: 'x'.repeat(bridge.token.length) })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await invoke('app:info', {}, { [TOKEN_HEADER]: bridge.token, Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const ticket = JSON.parse((await send({ method: 'POST', path: '/events/ticket', headers: { [TOKEN_HEADER]: bridge.token } })).body).ticket as string;
    const sse = await send({ path: `/events?ticket=${ticket}`, headers: { Origin: 'http://127.0.0.1:1' } });
    expect(sse.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await invoke('app:info', {}, { [TOKEN_HEADER]: bridge.token, Host: 'attacker.example:80' });
    expect(res.status).toBe(421);
  });

  it('rejects a payload that fails its schema with a typed error', async () => {
    const res = await invoke('prefs:update', { theme: 'neon' }, { [TOKEN_HEADER]: bridge.token });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const notJson = await send({ method: 'POST', path: '/ipc/prefs:update', headers: { [TOKEN_HEADER]: bridge.token }, body: '{' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('serves the renderer with the CSP and nothing outside its folder', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      expect((await send({ path: p })).status).toBe(404);
    }
  });

  it('pushes events over server-sent events to a tab holding the token (via a one-time ticket)', async () => {
    const port = Number(new URL(bridge.url).port);
    const ticketReply = await send({ method: 'POST', path: '/events/ticket', headers: { [TOKEN_HEADER]: bridge.token } });
    const { ticket } = JSON.parse(ticketReply.body) as { ticket: string };
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/events?ticket=${ticket}` }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (chunk.includes('prefs:changed')) {
            resolve(chunk);
            req.destroy();
          } else if (chunk.startsWith(':')) {
            void invoke('prefs:update', { theme: 'light' }, { [TOKEN_HEADER]: bridge.token });
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    expect(JSON.parse((await received).replace(/^data: /, ''))).toEqual({ event: 'prefs:changed', payload: { theme: 'light' } });
  });
});
