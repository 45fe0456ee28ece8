// Where the API client (and so the signed API token) goes: Apple's production host, unless the
// person starting Orchard chose another with ORCHARD_ASC_BASE_URL or the CLI's --base-url (tests,
// demo). Nothing reachable over IPC or stored in settings.json can change it.
import { OrchardError } from '../../shared/errors';
import { DEFAULT_BASE_URL } from '../asc/http';
import { isLoopbackLiteral } from '../asc/hostClass';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';

export const APPLE_BASE_URL = DEFAULT_BASE_URL;

/** The base URL in force: `--base-url`, else ORCHARD_ASC_BASE_URL, else Apple's. Throws BAD_INPUT for an unsafe one. */
export function resolveAscBaseUrl(env: NodeJS.ProcessEnv, cliFlag?: string): string {
  if (cliFlag !== undefined) return checkedBaseUrl(cliFlag, '--base-url');
  const fromEnv = env.ORCHARD_ASC_BASE_URL;
  if (fromEnv === undefined || fromEnv === '') return APPLE_BASE_URL;
  return checkedBaseUrl(fromEnv, 'ORCHARD_ASC_BASE_URL');
}

/** https anywhere; plain http only to this machine (the fake server in tests and demo). */
export function checkedBaseUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refused(source, 'is not a URL');
  }
  if (url.username !== '' || url.password !== '') throw refused(source, 'must not carry a user name or password');
  if (url.search !== '' || url.hash !== '') throw refused(source, 'must not carry a query or fragment');
  if (url.protocol === 'https:') return url.toString().replace(/\/+$/, '');
  // Exactly localhost or a loopback IP: a name under .localhost may resolve anywhere a resolver likes.
  if (url.protocol === 'http:' && isLoopbackLiteral(url.hostname)) return url.toString().replace(/\/+$/, '');
  throw refused(source, 'must use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)');
}

/** The base URL when it is not Apple's, for the "not talking to Apple" banner; undefined otherwise. */
export function nonAppleBaseUrl(baseUrl: string): string | undefined {
  return baseUrl.replace(/\/+$/, '') === APPLE_BASE_URL ? undefined : baseUrl;
}

/** True when API calls go to this machine, which also allows http segment downloads from it. */
export function isLoopbackBaseUrl(baseUrl: string): boolean {
  try {
    return isLoopbackLiteral(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * Older versions kept a user-editable base URL in settings.json. It is never read again; drop it
 * so a value planted there does not linger or mislead anyone reading the file.
 */
export function dropStoredBaseUrl(settings: SettingsStore<OrchardSettings>): void {
  if (settings.get('ascBaseUrl') !== undefined) settings.delete('ascBaseUrl');
}

function refused(source: string, why: string): OrchardError {
  return new OrchardError('BAD_INPUT', `The App Store Connect address in ${source} ${why}; Orchard will not send its API token there.`, {
    reason: 'unsafe-base-url',
    source,
  });
}
