// Where the app's own pages live (app://orchard/…) and the pure URL checks built on that: which
// IPC senders are trusted, where a frame may navigate, which file a protocol request maps to.
// No electron import, so these run (and are tested) in plain Node.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'orchard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for any URL on the app's own origin: scheme, host and nothing else (no port, no user). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** An IPC call is honoured only when it comes from a frame showing one of the app's own pages. */
export function isTrustedSenderUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && isAppUrl(url);
}

/**
 * Maps an app:// request to a file inside `root` (the built renderer), or null when the URL is not
 * ours or would escape `root` (`..`, encoded separators, absolute paths).
 */
export function resolveAppRequestPath(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const pathname = (parse(requestUrl) as URL).pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  return full.startsWith(base + path.sep) ? full : null;
}
