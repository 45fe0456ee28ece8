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

/** Reads the whole body as bytes, refusing (NETWORK, reason too-large) one longer than `maxBytes`. */
export async function readBodyBytes(exchange: Exchange, maxBytes: number): Promise<Buffer> {
  try {
    const declared = Number(exchange.response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const body = exchange.response.body;
    if (body === null) return Buffer.alloc(0);
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      // Stop reading the moment the body passes the cap, not after it has all arrived.
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    throw exchange.mapError(error);
  } finally {
    exchange.release();
  }
}

function tooLarge(maxBytes: number): OrchardError {
  return new OrchardError('INTERNAL', `The response is larger than ${Math.round(maxBytes / 1_048_576)} MB; Orchard stopped reading it.`, { reason: 'too-large' });
}
