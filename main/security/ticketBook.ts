// One-time, short-lived tickets: a random value main hands out for exactly one later use (a
// confirmed destructive action, a download, an event stream). A ticket is spent on its first
// redemption, right or wrong, and dies after its time to live, so a copied or replayed one is useless.
import { randomBytes } from 'node:crypto';

/** 32 random bytes in base64url: what every ticket looks like on the wire. */
export const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface TicketBook<T> {
  issue(value: T): { ticket: string; expiresAt: Date };
  /** The value once, when the ticket is live and `accepts` agrees; the ticket is gone afterwards either way. */
  redeem(ticket: string, accepts?: (value: T) => boolean): T | undefined;
  /** Live tickets (expired ones are dropped on every call). */
  size(): number;
}

export interface TicketBookOptions {
  now: () => Date;
  ttlMs: number;
  /** Oldest tickets are dropped beyond this many, so a loop of requests cannot grow memory. */
  maxLive?: number;
}

export function createTicketBook<T>(options: TicketBookOptions): TicketBook<T> {
  const live = new Map<string, { value: T; expiresAt: number }>();
  const maxLive = options.maxLive ?? 256;

  const sweep = () => {
    const now = options.now().getTime();
    for (const [ticket, entry] of live) if (entry.expiresAt <= now) live.delete(ticket);
  };

  return {
    issue(value) {
      sweep();
      while (live.size >= maxLive) {
        const oldest = live.keys().next().value;
        if (oldest === undefined) break;
        live.delete(oldest);
      }
      const ticket = randomBytes(32).toString('base64url');
      const expiresAt = options.now().getTime() + options.ttlMs;
      live.set(ticket, { value, expiresAt });
      return { ticket, expiresAt: new Date(expiresAt) };
    },
    redeem(ticket, accepts) {
      sweep();
      const entry = live.get(ticket);
      live.delete(ticket);
      if (entry === undefined) return undefined;
      return accepts === undefined || accepts(entry.value) ? entry.value : undefined;
    },
    size() {
      sweep();
      return live.size;
    },
  };
}
