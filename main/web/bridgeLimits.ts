// Resource limits of the loopback bridge, so a local process or a hostile page cannot tie it up:
// a cap on concurrent connections, timeouts for slow or half-open requests, and a body cap that
// answers 413 (after draining what was sent, so the client reads the answer instead of a reset).
import type { IncomingMessage, Server } from 'node:http';

export interface BridgeLimits {
  maxConnections: number;
  /** Time a client has to send all request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request (headers and body). */
  requestTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  timeoutCheckMs: number;
  maxBodyBytes: number;
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  // A browser opens at most six connections per host plus the event stream; 64 leaves room for tabs.
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  timeoutCheckMs: 1_000,
  maxBodyBytes: 8 * 1024 * 1024,
};

/** Past this many times the cap, the bridge stops draining and drops the connection. */
const DRAIN_FACTOR = 8;

export function applyLimits(server: Server, limits: BridgeLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
}

/** The body as text, or null when it is over the cap (the rest is read and thrown away). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > maxBytes * DRAIN_FACTOR) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
