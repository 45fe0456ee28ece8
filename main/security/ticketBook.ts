// One-time, short-lived tickets: a random value main hands out for exactly one later use (a
// confirmed destructive action, a download, an event stream). A ticket is spent on its first
// redemption, right or wrong, and dies after its time to live, so a copied or replayed one is useless.
// A full book refuses new tickets instead of dropping live ones, so a flood of requests cannot evict
// the ticket a user is about to confirm with.
import { randomBytes } from 'node:crypto';
import { OrchardError } from '../../shared/errors';

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
  /** At most this many live tickets, so a loop of requests cannot grow memory. */
  maxLive?: number;
  /**
   * What issuing into a full book does: 'refuse' (the default) throws CONFLICT and leaves every live
   * ticket alone; 'dropOldest' evicts the oldest, only for tickets whose loss just means asking again.
   */
  whenFull?: 'refuse' | 'dropOldest';
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
      if (live.size >= maxLive && options.whenFull !== 'dropOldest') {
        throw new OrchardError('CONFLICT', 'Too many confirmations or downloads are waiting; use them or wait a few minutes until they expire.');
      }
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
