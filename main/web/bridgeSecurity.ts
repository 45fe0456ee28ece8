// Who may talk to the loopback bridge: only pages served by the bridge itself, holding the
// per-launch token. Host and Origin checks stop DNS-rebinding and cross-site requests from other
// pages open in the same browser; the token stops other local processes and users.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface BridgeAddress {
  port: number;
}

function allowedHosts(addr: BridgeAddress): string[] {
  return [`127.0.0.1:${addr.port}`, `localhost:${addr.port}`];
}

export function hostAllowed(req: IncomingMessage, addr: BridgeAddress): boolean {
  return allowedHosts(addr).includes(String(req.headers.host ?? '').toLowerCase());
}

/** Origin may be absent (same-origin GET, non-browser clients); when present it must be ours. */
export function originAllowed(req: IncomingMessage, addr: BridgeAddress): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
  return allowedHosts(addr).some((h) => origin.toLowerCase() === `http://${h}`);
}

export function tokenMatches(presented: string | undefined | null, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
