// The loopback bridge: runs the same IPC dispatcher as the Electron shell over HTTP (commands)
// and server-sent events (events), so the real UI runs and is tested in a plain browser.
// Binds 127.0.0.1 only; every IPC request needs the per-launch token (a header, never in a URL)
// and our own Origin/Host. The event stream and downloads, which a browser opens by URL, take
// one-time tickets instead. Connections, timeouts and bodies are capped (bridgeLimits.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../ipc/dispatch';
import type { EventHub } from '../ipc/eventHub';
import type { DownloadTickets } from '../security/downloadTickets';
import { createTicketBook, TICKET_PATTERN } from '../security/ticketBook';
import { DEFAULT_BRIDGE_LIMITS, applyLimits, readBody, type BridgeLimits } from './bridgeLimits';
import { hostAllowed, originAllowed, tokenMatches, type BridgeAddress } from './bridgeSecurity';
import { isDownloadPath, serveDownload } from './downloadRoute';
import { securityHeaders, serveStatic } from './staticFiles';

export const TOKEN_HEADER = 'x-orchard-token';
/** POST here (with the token header) for a one-time ticket, then open `/events?ticket=…`. */
export const EVENTS_TICKET_PATH = '/events/ticket';
const EVENT_TICKET_TTL_MS = 30_000;

export interface BridgeServer {
  url: string;
  /** The URL to open: carries the token in the fragment, which browsers never send to servers. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventHub;
  staticDir: string;
  port?: number;
  token?: string;
  /** Finished exports the browser may download once (browser mode), and the folder they live in. */
  downloads?: { tickets: DownloadTickets; folder: string };
  /** Tests shrink these to see the limits act quickly. */
  limits?: Partial<BridgeLimits>;
  now?: () => Date;
}

export async function startBridgeServer(opts: BridgeOptions): Promise<BridgeServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const addr: BridgeAddress = { port: 0 };
  const streams = new Set<ServerResponse>();
  const limits: BridgeLimits = { ...DEFAULT_BRIDGE_LIMITS, ...opts.limits };
  const eventTickets = createTicketBook<true>({ now: opts.now ?? (() => new Date()), ttlMs: EVENT_TICKET_TTL_MS, maxLive: 16, whenFull: 'dropOldest' });
  const server = createServer({ connectionsCheckingInterval: limits.timeoutCheckMs }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const connections = applyLimits(server, limits);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, addr)) return reject(res, 421, 'Unknown host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${addr.port}`);
    if (url.pathname.startsWith('/ipc/') || url.pathname === EVENTS_TICKET_PATH) {
      if (req.method !== 'POST') return reject(res, 405, 'Use POST');
      if (!originAllowed(req, addr)) return reject(res, 403, 'Foreign origin');
      if (!tokenMatches(headerValue(req, TOKEN_HEADER), token)) return reject(res, 401, 'Missing or wrong token');
      connections.trust(req.socket);
      if (url.pathname === EVENTS_TICKET_PATH) return sendJson(res, { ticket: eventTickets.issue(true).ticket });
      return handleInvoke(decodeURIComponent(url.pathname.slice(5)), req, res);
    }
    if (url.pathname === '/events') {
      if (!originAllowed(req, addr)) return reject(res, 403, 'Foreign origin');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (!TICKET_PATTERN.test(ticket) || eventTickets.redeem(ticket) === undefined) return reject(res, 401, 'Missing, used or expired ticket');
      connections.trust(req.socket);
      return openEventStream(res);
    }
    if (isDownloadPath(url.pathname)) {
      if (req.method !== 'GET') return reject(res, 405, 'Use GET');
      if (!originAllowed(req, addr)) return reject(res, 403, 'Foreign origin');
      return serveDownload(url.pathname, opts.downloads?.tickets, opts.downloads?.folder, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reject(res, 405, 'Method not allowed');
    return serveStatic(opts.staticDir, url.pathname, res);
  }

  async function handleInvoke(command: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, limits.maxBodyBytes);
    if (body === null) return reject(res, 413, `Request body over ${limits.maxBodyBytes} bytes`, { Connection: 'close' });
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body) : {};
    } catch {
      return sendJson(res, { ok: false, error: { code: 'BAD_INPUT', message: 'The request body is not JSON.' } });
    }
    sendJson(res, await opts.dispatch(command, payload, { transport: 'browser' }));
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      ...securityHeaders(),
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = opts.events.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    res.on('close', () => {
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  addr.port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    url,
    launchUrl: `${url}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function reject(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders(), ...extra }).end(message);
}

function sendJson(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...securityHeaders() }).end(body);
}
