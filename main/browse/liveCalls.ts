// Live calls the browse screens make to App Store Connect run under a deadline, so an offline
// machine shows what Orchard saved after seconds instead of waiting out every retry.
import { OrchardError } from '../../shared/errors';

export const LIVE_TIMEOUT_MS = 10_000;

/**
 * Runs an API call under an optional deadline; the client reports an aborted call as CANCELLED,
 * which here means Apple did not answer in time (retries of a dead network included).
 */
export async function withDeadline<T>(signal: AbortSignal | undefined, call: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await call(signal);
  } catch (error) {
    if (signal?.aborted) {
      throw new OrchardError('NETWORK', 'App Store Connect did not answer in time.');
    }
    throw error;
  }
}
