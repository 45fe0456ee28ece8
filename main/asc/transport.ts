// One fetch with the caller's AbortSignal plus an optional timeout, turning every way it can fail
// without an HTTP response into OrchardError CANCELLED or NETWORK.

import { OrchardError } from '../../shared/errors';
import { cancelledError, networkError } from './errors';

export type FetchFn = typeof fetch;

export interface TransportOptions {
  signal?: AbortSignal;
  /** Aborts the exchange (as NETWORK 'timeout') if it is still open after this long. */
  timeoutMs?: number;
  /** Human name of the other side, for messages ("App Store Connect", "Apple's download server"). */
  peer: string;
}

export interface Exchange {
  response: Response;
  /** Maps an error thrown while reading the body the same way fetch errors are mapped. */
  mapError(error: unknown): OrchardError;
  /** Stops only the timeout, e.g. once headers arrived for a long streamed download. */
  stopTimer(): void;
  /** Stops the timer and unhooks the caller's signal; call once the body is consumed or abandoned. */
  release(): void;
}

export async function openExchange(
  fetchFn: FetchFn,
  url: string,
  init: RequestInit,
  options: TransportOptions,
): Promise<Exchange> {
  const { signal } = options;
  if (signal?.aborted === true) throw cancelledError();
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs);
  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
  };
  const release = (): void => {
    stopTimer();
    signal?.removeEventListener('abort', onAbort);
  };
  const mapError = (error: unknown): OrchardError => {
    if (signal?.aborted === true) return cancelledError();
    if (error instanceof OrchardError) return error;
    return networkError(error, options.peer, timedOut);
  };
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    return { response, mapError, stopTimer, release };
  } catch (error) {
    release();
    throw mapError(error);
  }
}

/** Reads the whole body as text, releasing the exchange whatever happens. */
export async function readBodyText(exchange: Exchange): Promise<string> {
  try {
    return await exchange.response.text();
  } catch (error) {
    throw exchange.mapError(error);
  } finally {
    exchange.release();
  }
}
