// One-time download URLs for browser mode: an export finished in `<dataDir>/exports/` is handed to
// the browser as `GET /download/<ticket>` on the loopback bridge. The ticket, not the bridge token,
// authorises it (a link cannot carry a header), so it works once and only for a few minutes.
import { createTicketBook, type TicketBook } from './ticketBook';

export const DOWNLOAD_PATH_PREFIX = '/download/';
const DOWNLOAD_TTL_MS = 5 * 60_000;

export interface DownloadFile {
  path: string;
  /** The name the browser saves it under. */
  fileName: string;
}

export type DownloadTickets = TicketBook<DownloadFile>;

export function createDownloadTickets(now: () => Date, ttlMs = DOWNLOAD_TTL_MS): DownloadTickets {
  return createTicketBook<DownloadFile>({ now, ttlMs, maxLive: 64 });
}

/** The URL (relative to the bridge) and expiry the renderer gets for one finished export. */
export function downloadUrlFor(tickets: DownloadTickets, file: DownloadFile): { url: string; expiresAt: string } {
  const { ticket, expiresAt } = tickets.issue(file);
  return { url: `${DOWNLOAD_PATH_PREFIX}${ticket}`, expiresAt: expiresAt.toISOString() };
}
