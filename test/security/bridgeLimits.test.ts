// Issue 9 item 8: the loopback bridge's limits, against a real bridge with small limits injected:
// half-open connections are capped and timed out (waiting on socket events, never on sleeps), an
// oversized body gets a 413 answer rather than a reset, the event stream opens with a one-time
// ticket (the token never goes in a URL), and source maps are not served.
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../main/web/bridgeServer';
import { startSecurityHarness, type SecurityHarness } from './securityHarness';

let h: SecurityHarness;
afterEach(async () => {
  await h?.close();
});

const portOf = (harness: SecurityHarness) => Number(new URL(harness.bridge.url).port);

/** Connects and sends an unfinished request head, then waits until the server closes the socket. */
function halfOpen(port: number): Promise<{ answered: string }> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    });
    let answered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answered += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answered }));
  });
}

describe('connection limits', () => {
  it('holds at most 64 connections and times out half-open ones; afterwards it serves again', async () => {
    h = await startSecurityHarness({ limits: { maxConnections: 64, headersTimeoutMs: 1_500, requestTimeoutMs: 3_000, timeoutCheckMs: 100 } });
    const port = portOf(h);
    const outcomes = await Promise.all(Array.from({ length: 300 }, () => halfOpen(port)));
    const timedOut = outcomes.filter((o) => o.answered.startsWith('HTTP/1.1 408'));
    const dropped = outcomes.filter((o) => o.answered === '');
    expect(timedOut.length + dropped.length).toBe(300);
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut.length).toBeLessThanOrEqual(64);
    expect(dropped.length).toBeGreaterThanOrEqual(236);
    expect((await h.send({ path: '/' })).status).toBe(200);
  }, 60_000);

  it('keeps serving the page while a local process holds every socket (issue 21)', async () => {
    // Long timeouts: only making room for newcomers, not the timeouts, can let the page in.
    h = await startSecurityHarness({ limits: { maxConnections: 16, headersTimeoutMs: 120_000, requestTimeoutMs: 120_000, timeoutCheckMs: 1_000 } });
    const port = portOf(h);
    const held: Socket[] = [];
    const closed: Promise<void>[] = [];
    const closedByServer = { count: 0 };
    await Promise.all(
      Array.from({ length: 40 }, () =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port }, () => {
            socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
            resolve();
          });
          socket.on('error', () => undefined);
          socket.once('end', () => (closedByServer.count += 1));
          closed.push(new Promise((done) => socket.once('close', () => done())));
          held.push(socket);
        }),
      ),
    );
    const started = Date.now();
    // The page: its static files, an IPC call with the token, and a destructive-action ticket.
    expect((await h.send({ path: '/' })).status).toBe(200);
    expect((await h.send({ path: '/app.js' })).status).toBe(200);
    expect(await h.invoke('prefs:get', {})).toMatchObject({ ok: true });
    expect(await h.invoke('confirm:prepare', { action: 'query:clearHistory' })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(60_000);
    // The holder's sockets were the ones closed to make room: at most the cap of them stay open.
    await expect.poll(() => closedByServer.count, { timeout: 30_000 }).toBeGreaterThanOrEqual(40 - 16);
    for (const socket of held) socket.destroy();
    await Promise.all(closed);
  }, 60_000);

  it('uses the default limits unless told otherwise', async () => {
    const { DEFAULT_BRIDGE_LIMITS } = await import('../../main/web/bridgeLimits');
    expect(DEFAULT_BRIDGE_LIMITS).toMatchObject({ maxConnections: 64, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxBodyBytes: 8 * 1024 * 1024 });
  });
});

describe('request bodies', () => {
  it('answers 413 to a body over the cap, declared or chunked, instead of resetting the connection', async () => {
    h = await startSecurityHarness({ limits: { maxBodyBytes: 1024 } });
    const headers = { 'Content-Type': 'application/json', [TOKEN_HEADER]: h.bridge.token };
    const big = JSON.stringify({ theme: 'x'.repeat(4096) });
    const declared = await h.send({ method: 'POST', path: '/ipc/prefs:update', headers, body: big });
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('over 1024 bytes');
    const chunked = await new Promise<number>((resolve, reject) => {
      const port = portOf(h);
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/ipc/prefs:update', headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i += 1) req.write('x'.repeat(1024));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(await h.call('prefs:get', {})).not.toMatchObject({ theme: expect.stringMatching(/^x+$/) });
  });
});

describe('event stream', () => {
  it('refuses the token in the URL; opens with a one-time ticket fetched by an authenticated POST', async () => {
    h = await startSecurityHarness();
    expect((await h.send({ path: `/events?token=${h.bridge.token}` })).status).toBe(401);
    expect((await h.send({ method: 'POST', path: '/events/ticket' })).status).toBe(401);
    expect((await h.send({ method: 'GET', path: '/events/ticket', headers: { [TOKEN_HEADER]: h.bridge.token } })).status).toBe(405);
    const reply = await h.send({ method: 'POST', path: '/events/ticket', headers: { [TOKEN_HEADER]: h.bridge.token } });
    const { ticket } = JSON.parse(reply.body) as { ticket: string };
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ticket).not.toBe(h.bridge.token);

    const port = portOf(h);
    const opened = await new Promise<{ status: number; first: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/events?ticket=${ticket}`, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
        res.setEncoding('utf8');
        res.once('data', (first: string) => {
          resolve({ status: res.statusCode ?? 0, first });
          req.destroy();
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(opened).toEqual({ status: 200, first: ': connected\n\n' });
    // Spent: the same URL (from a log, a history, a Referer) opens nothing.
    expect((await h.send({ path: `/events?ticket=${ticket}` })).status).toBe(401);
  });
});

describe('static files', () => {
  it('serves the bundle but never its source map', async () => {
    h = await startSecurityHarness();
    expect((await h.send({ path: '/app.js' })).status).toBe(200);
    for (const p of ['/app.js.map', '/APP.JS.MAP', '/app.js.map?x=1', '/%61pp.js.map']) expect((await h.send({ path: p })).status, p).toBe(404);
  });
});
