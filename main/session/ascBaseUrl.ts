// Where the API client points: ORCHARD_ASC_BASE_URL (tests, demo), else the user's advanced
// setting, else Apple's production host.
import { DEFAULT_BASE_URL } from '../asc/http';

export function resolveAscBaseUrl(env: NodeJS.ProcessEnv, setting: unknown): string {
  if (env.ORCHARD_ASC_BASE_URL) return env.ORCHARD_ASC_BASE_URL;
  if (typeof setting === 'string' && /^https?:\/\//.test(setting)) return setting;
  return DEFAULT_BASE_URL;
}
