// Opens a report segment's presigned S3 URL and hands back its byte stream for the sync engine to
// write and hash. Never sends the API token: the URL's signature is the only credential S3 wants,
// and an Authorization header next to it makes S3 refuse the request. Redirects are followed by
// hand, each hop checked by the download URL policy.

import { OrchardError } from '../../shared/errors';
import { SegmentUrlExpiredError } from './errors';
import type { HttpDeps } from './http';
import { runWithRetry, type AttemptOutcome } from './retry';
import { downloadUrlPolicy, MAX_DOWNLOAD_REDIRECTS, type DownloadUrlCheck } from './downloadUrlPolicy';
import { openExchange, readBodyText, type Exchange } from './transport';
import { redactUrl } from './urls';

const PEER = "Apple's download server";
const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;

export interface FetchSegmentOptions {
  signal?: AbortSignal;
  /** Called with the size of every chunk as it is read (for progress). */
  onBytes?: (byteCount: number) => void;
}

export interface SegmentDownload {
  /** The raw gzip bytes. Read errors surface as OrchardError NETWORK or CANCELLED. */
  body: ReadableStream<Uint8Array>;
  contentLength: number | undefined;
}

export type SegmentFetcher = (url: string, options?: FetchSegmentOptions) => Promise<SegmentDownload>;

export function createSegmentFetcher(
  deps: HttpDeps,
  apiBaseUrl: string,
  headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
): SegmentFetcher {
  const checkUrl = downloadUrlPolicy(apiBaseUrl);

  async function attemptOnce(firstUrl: string, signal: AbortSignal | undefined): Promise<AttemptOutcome<Exchange>> {
    let exchange: Exchange;
    let url = firstUrl;
    for (let hop = 0; ; hop += 1) {
      try {
        // No headers at all: S3 needs none, and nothing of the API session may travel with the URL.
        // Redirects by hand: each target must pass the same policy as the first URL.
        const init: RequestInit = { method: 'GET', credentials: 'omit', redirect: 'manual' };
        exchange = await openExchange(deps.fetch, url, init, { signal, timeoutMs: headersTimeoutMs, peer: PEER });
      } catch (error) {
        if (error instanceof OrchardError && error.code === 'NETWORK') return { retryable: error };
        throw error;
      }
      const next = redirectTarget(exchange, url, checkUrl, hop);
      if (next === undefined) break;
      deps.logger?.debug('segment redirect', { from: redactUrl(url), to: redactUrl(next) });
      url = next;
    }
    const { status } = exchange.response;
    deps.logger?.debug('segment response', { url: redactUrl(url), status });
    if (status === 200) {
      exchange.stopTimer();
      return { value: exchange };
    }
    const text = await readBodyText(exchange).catch(() => '');
    if (status === 403) throw new SegmentUrlExpiredError(s3ErrorCode(text));
    if (status === 404) {
      throw new OrchardError('NOT_FOUND', 'A report file is no longer on Apple’s download server; Orchard will list the files again.', {
        reason: 'segment-missing',
        status,
      });
    }
    if (status === 429 || status >= 500) {
      const message = `Apple's download server is busy or failing (HTTP ${status}). Try again later.`;
      return { retryable: new OrchardError('NETWORK', message, { status }) };
    }
    throw new OrchardError('INTERNAL', `Apple's download server refused a report file download (HTTP ${status}).`, {
      status,
      s3Code: s3ErrorCode(text),
    });
  }

  return async (url, options = {}) => {
    checkUrl(url);
    const { signal } = options;
    const exchange = await runWithRetry(() => attemptOnce(url, signal), {
      policy: deps.policy,
      sleep: deps.sleep,
      random: deps.random,
      signal,
      onRetry: ({ attempt, delayMs, error }) =>
        deps.logger?.warn('segment download failed, retrying', { url: redactUrl(url), attempt, delayMs, code: error.code }),
    });
    const length = Number(exchange.response.headers.get('content-length'));
    return {
      body: guardedBody(exchange, options.onBytes),
      contentLength: Number.isSafeInteger(length) && length >= 0 && exchange.response.headers.has('content-length') ? length : undefined,
    };
  };
}

/**
 * The checked URL a 3xx points to, or undefined for any other answer. The redirect's own body is
 * discarded; a hop past the limit, a missing Location or a redirect the fetch implementation
 * hides (status 0, "opaque") is refused rather than guessed at.
 */
function redirectTarget(exchange: Exchange, url: string, checkUrl: DownloadUrlCheck, hop: number): string | undefined {
  const { status, headers } = exchange.response;
  const isRedirect = status === 0 || (status >= 300 && status < 400 && status !== 304);
  if (!isRedirect) return undefined;
  void exchange.response.body?.cancel().catch(() => undefined);
  exchange.release();
  const location = headers.get('location');
  if (status === 0 || location === null) {
    throw new OrchardError('BAD_INPUT', "Apple's download server answered with a redirect Orchard cannot check; it refused to follow it.", {
      reason: 'segment-redirect-invalid',
      status,
    });
  }
  if (hop >= MAX_DOWNLOAD_REDIRECTS) {
    throw new OrchardError('BAD_INPUT', `Apple's download server redirected a report file more than ${MAX_DOWNLOAD_REDIRECTS} times; Orchard stopped following.`, {
      reason: 'segment-too-many-redirects',
    });
  }
  let target: string;
  try {
    target = new URL(location, url).toString();
  } catch {
    throw new OrchardError('BAD_INPUT', "Apple's download server redirected to an address that is not a URL; Orchard refused to follow it.", {
      reason: 'segment-url-invalid',
    });
  }
  return checkUrl(target).toString();
}

/** S3's XML error names the cause in <Code>; the rest (signature, string to sign) must not be kept. */
function s3ErrorCode(xml: string): string | undefined {
  const match = /<Code>([A-Za-z]{1,64})<\/Code>/.exec(xml);
  return match?.[1];
}

function guardedBody(exchange: Exchange, onBytes: ((byteCount: number) => void) | undefined): ReadableStream<Uint8Array> {
  const source = exchange.response.body;
  if (source === null) {
    exchange.release();
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          exchange.release();
          controller.close();
          return;
        }
        onBytes?.(value.byteLength);
        controller.enqueue(value);
      } catch (error) {
        const mapped = exchange.mapError(error);
        exchange.release();
        controller.error(mapped);
      }
    },
    async cancel(reason) {
      exchange.release();
      await reader.cancel(reason);
    },
  });
}
