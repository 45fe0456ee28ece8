// Hostile knobs for security tests: rewrite the segment resources the API renders (ID, checksum,
// size, URL) and a small server that plays a hostile download host: redirects, chains of them, an
// endless body, and fixed bytes such as a gzip bomb. It records every request it gets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface RenderedSegment {
  id: string;
  checksum: string;
  sizeInBytes: number;
  url: string;
}

/** Set as `fake.faults.segmentRewrite`; undefined (or an empty object) leaves a segment alone. */
export type SegmentRewrite = (segment: RenderedSegment) => Partial<RenderedSegment> | undefined;

export function applySegmentRewrite(rewrite: SegmentRewrite | undefined, segment: RenderedSegment): RenderedSegment {
  return rewrite ? { ...segment, ...rewrite(segment) } : segment;
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Paths (with query) in the order they were requested. */
  hits: string[];
  /** Bytes written by /endless responses, and whether the client hung up before the server stopped. */
  endless: { bytesSent: number; clientHungUp: boolean };
  /** Bytes /bytes/<name> serves. */
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 0x41);
/** Where an endless body gives up on its own, so a broken client cannot fill the test machine's disk. */
const ENDLESS_STOP_BYTES = 256 * 1024 * 1024;

/**
 * Routes: `/redirect?to=<url>` (302), `/chain/<n>?to=<url>` (n redirects, then `to`),
 * `/endless` (200, never-ending body), `/bytes/<name>` (200, a registered file).
 */
export async function startHostileServer(): Promise<HostileServer> {
  const state: Omit<HostileServer, 'url' | 'close'> = { hits: [], endless: { bytesSent: 0, clientHungUp: false }, files: new Map() };
  const server = createServer((req, res) => handle(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(state: Omit<HostileServer, 'url' | 'close'>, req: IncomingMessage, res: ServerResponse): void {
  state.hits.push(req.url ?? '');
  const url = new URL(req.url ?? '/', 'http://hostile.invalid');
  const to = url.searchParams.get('to') ?? '';
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (url.pathname === '/redirect') return void res.writeHead(302, { Location: to }).end();
  if (chain) {
    const left = Number(chain[1]);
    const location = left <= 1 ? to : `/chain/${left - 1}?to=${encodeURIComponent(to)}`;
    return void res.writeHead(302, { Location: location }).end();
  }
  if (url.pathname === '/endless') return endless(state, res);
  const file = /^\/bytes\/([\w-]+)$/.exec(url.pathname);
  const bytes = file ? state.files.get(file[1]!) : undefined;
  if (bytes) return void res.writeHead(200, { 'Content-Type': 'binary/octet-stream', 'Content-Length': bytes.length }).end(bytes);
  res.writeHead(404).end();
}

function endless(state: Omit<HostileServer, 'url' | 'close'>, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'binary/octet-stream' });
  res.on('close', () => {
    if (!res.writableFinished) state.endless.clientHungUp = true;
  });
  const pump = (): void => {
    while (!res.destroyed && state.endless.bytesSent < ENDLESS_STOP_BYTES) {
      state.endless.bytesSent += ENDLESS_CHUNK.length;
      if (!res.write(ENDLESS_CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}
