// The one way Orchard opens anything outside the app: only https: web pages and mailto: links
// reach the OS, so a crafted link cannot launch file:, smb: or custom-scheme handlers.
import { shell } from 'electron';
import type { Logger } from '../logging/logger';

const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  // Credentials in a link are a phishing trick (https://apple.com@evil.example), never needed here.
  if (parsed.protocol === 'https:' && (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '')) return false;
  return true;
}

/** Opens the URL in the user's browser or mail client when allowed; returns whether it did. */
export async function openExternal(url: string, logger: Logger): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    logger.warn('external.refused', { url: url.slice(0, 200) });
    return false;
  }
  try {
    await shell.openExternal(url);
    return true;
  } catch (err) {
    logger.warn('external.failed', { error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
