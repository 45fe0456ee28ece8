// GET /download/<ticket>: hands a finished export to the browser as an attachment. The one-time
// ticket is the authorisation (a link cannot carry the token header); the file must still be a
// regular file inside the data folder's exports folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { DOWNLOAD_PATH_PREFIX, type DownloadTickets } from '../security/downloadTickets';
import { TICKET_PATTERN } from '../security/ticketBook';
import { securityHeaders } from './staticFiles';

export function isDownloadPath(pathname: string): boolean {
  return pathname.startsWith(DOWNLOAD_PATH_PREFIX);
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function serveDownload(pathname: string, tickets: DownloadTickets | undefined, exportsFolder: string | undefined, res: ServerResponse): Promise<void> {
  const ticket = pathname.slice(DOWNLOAD_PATH_PREFIX.length);
  const file = tickets && TICKET_PATTERN.test(ticket) ? tickets.redeem(ticket) : undefined;
  const real = file ? await realpath(file.path).catch(() => null) : null;
  const folder = exportsFolder ? await realpath(exportsFolder).catch(() => null) : null;
  const info = real ? await stat(real).catch(() => null) : null;
  if (!file || !real || !folder || !real.startsWith(folder + path.sep) || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end('This download link was used already or has expired. Export again.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Disposition': contentDisposition(file.fileName),
    'Cache-Control': 'no-store',
    ...securityHeaders(),
  });
  createReadStream(real).pipe(res);
}
