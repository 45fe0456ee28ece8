// Resource limits of the loopback bridge, so a local process or a hostile page cannot tie it up:
// a cap on concurrent connections, timeouts for slow or half-open requests, and a body cap that
// answers 413 (after draining what was sent, so the client reads the answer instead of a reset).
// At the cap a new connection does not wait behind sockets someone merely holds: the oldest one
// that is not serving a request with the token is closed to make room, so the page stays usable.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

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

/** 'waiting': no request in progress (new, half-open or idle keep-alive); 'trusted': serving a request that showed the token or a ticket. */
type SocketState = 'waiting' | 'serving' | 'trusted';

export interface ConnectionGuard {
  /** The request on this socket presented the token (or an event ticket): never closed to make room. */
  trust(socket: Socket): void;
}

export function applyLimits(server: Server, limits: BridgeLimits): ConnectionGuard {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  return guardConnections(server, limits.maxConnections);
}

/**
 * Caps open sockets at `maxConnections`. Node's own maxConnections would refuse the newcomer, which
 * lets whoever holds the sockets first lock the page out; here the newcomer gets the place of the
 * oldest waiting socket, else of the oldest one serving without the token, else it is refused.
 */
function guardConnections(server: Server, maxConnections: number): ConnectionGuard {
  // Insertion order is age: the first entry of a state is its oldest socket.
  const sockets = new Map<Socket, SocketState>();
  const oldest = (state: SocketState) => {
    for (const [socket, s] of sockets) if (s === state) return socket;
    return undefined;
  };
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= maxConnections) {
      const victim = oldest('waiting') ?? oldest('serving');
      if (victim === undefined) {
        socket.destroy();
        return;
      }
      sockets.delete(victim);
      victim.destroy();
    }
    sockets.set(socket, 'waiting');
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res) => {
    const socket = req.socket;
    if (!sockets.has(socket)) return;
    sockets.set(socket, 'serving');
    res.once('close', () => {
      // Back to the end of the queue: an idle keep-alive socket ages from its last request.
      if (!sockets.has(socket) || socket.destroyed) return;
      sockets.delete(socket);
      sockets.set(socket, 'waiting');
    });
  });
  return {
    trust(socket) {
      if (sockets.has(socket)) sockets.set(socket, 'trusted');
    },
  };
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
