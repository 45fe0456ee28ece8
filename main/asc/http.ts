// HTTP layer of the App Store Connect client: bearer token, JSON, retries with backoff, 401 token
// refresh, rate-limit tracking, typed errors and cursor paging over an injected fetch.

import { OrchardError } from '../../shared/errors';
import { AscApiError, parseAscError } from './errors';
import { createRateLimitTracker, type RateLimitTracker } from './rateLimit';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfterMs,
  realSleep,
  runWithRetry,
  type AttemptOutcome,
  type RetryPolicy,
  type Sleep,
} from './retry';
import type { TokenProvider } from './token';
import { openExchange, readBodyBytes, type FetchFn } from './transport';
import { buildQueryString, originOf, redactUrl, type Query } from './urls';
import { nextLinkOf } from './schemas';

export const DEFAULT_BASE_URL = 'https://api.appstoreconnect.apple.com';
const DEFAULT_TIMEOUT_MS = 60_000;
/** JSON documents are small; a page of 200 resources is well under this. */
const MAX_JSON_BYTES = 32 * 1_048_576;
const PEER = 'App Store Connect';

/** Never receives tokens, Authorization headers or presigned query strings. */
export interface AscLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface AscHttpOptions {
  baseUrl?: string;
  fetch: FetchFn;
  tokenProvider: TokenProvider;
  sleep?: Sleep;
  /** Epoch milliseconds. */
  clock?: () => number;
  random?: () => number;
  /** Total tries per request including the first (default 5). */
  maxAttempts?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Per try, headers and body included (default 60 s). */
  requestTimeoutMs?: number;
  logger?: AscLogger;
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON with Content-Type: application/json. */
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the client's maxAttempts for this call (e.g. a quick connection test). */
  maxAttempts?: number;
}

/** A report file (sales, finance): gzip bytes instead of JSON, capped in size. */
export interface FileRequestOptions {
  query?: Query;
  signal?: AbortSignal;
  maxBytes: number;
}

export interface AscHttp {
  readonly baseUrl: string;
  readonly rateLimit: RateLimitTracker;
  /** Parsed JSON body of a 2xx response; undefined for an empty body (204). */
  request(method: HttpMethod, path: string, options?: RequestOptions): Promise<unknown>;
  /** Yields each page's JSON body, following `links.next` verbatim (same origin only). */
  paginate(path: string, query?: Query, options?: { signal?: AbortSignal }): AsyncGenerator<unknown, void, undefined>;
  /** Body of a 2xx `GET` answered with a file (`Accept: application/a-gzip`). */
  requestFile(path: string, options: FileRequestOptions): Promise<Buffer>;
}

export interface HttpDeps {
  fetch: FetchFn;
  sleep: Sleep;
  clock: () => number;
  random: () => number;
  policy: RetryPolicy;
  logger: AscLogger | undefined;
}

export function resolveHttpDeps(options: Omit<AscHttpOptions, 'tokenProvider' | 'baseUrl'>): HttpDeps {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  if (options.maxAttempts !== undefined) policy.maxAttempts = options.maxAttempts;
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new OrchardError('BAD_INPUT', 'maxAttempts must be a positive integer.');
  }
  return {
    fetch: options.fetch,
    sleep: options.sleep ?? realSleep,
    clock: options.clock ?? Date.now,
    random: options.random ?? Math.random,
    policy,
    logger: options.logger,
  };
}

export function normaliseBaseUrl(baseUrl: string | undefined): string {
  const url = (baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  if (originOf(url) === undefined || !/^https?:\/\//i.test(url)) {
    throw new OrchardError('BAD_INPUT', 'The App Store Connect base URL must be an http(s) URL.');
  }
  return url;
}

export function createAscHttp(options: AscHttpOptions): AscHttp {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const baseOrigin = originOf(baseUrl);
  const deps = resolveHttpDeps(options);
  const { tokenProvider } = options;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rateLimit = createRateLimitTracker((error) =>
    deps.logger?.warn('rate-limit listener threw', { error: String(error) }),
  );

  async function attemptOnce(
    method: HttpMethod,
    url: string,
    body: string | undefined,
    signal?: AbortSignal,
    file?: { maxBytes: number },
  ): Promise<AttemptOutcome<unknown>> {
    const path = new URL(url).pathname;
    let refreshedToken = false;
    for (;;) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${await tokenProvider.get()}`,
        Accept: file ? 'application/a-gzip' : 'application/json',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const started = deps.clock();
      let response: Response;
      let bytes: Buffer;
      try {
        // redirect 'manual': the API never redirects, and a redirect must not carry the token elsewhere.
        const init: RequestInit = { method, headers, body, redirect: 'manual' };
        const exchange = await openExchange(deps.fetch, url, init, { signal, timeoutMs, peer: PEER });
        response = exchange.response;
        bytes = await readBodyBytes(exchange, file?.maxBytes ?? MAX_JSON_BYTES);
      } catch (error) {
        if (error instanceof OrchardError && error.code === 'NETWORK') return { retryable: error };
        throw error;
      }
      const status = response.status;
      deps.logger?.debug('asc response', { method, url: redactUrl(url), status, ms: deps.clock() - started });
      rateLimit.observe(response.headers.get('x-rate-limit'), deps.clock());
      if (status >= 200 && status < 300) return { value: file ? bytes : parseJsonBody(bytes.toString('utf8'), method, path) };
      const text = bytes.toString('utf8');
      if (status === 0 || (status >= 300 && status < 400)) {
        throw new OrchardError('INTERNAL', `App Store Connect answered ${method} ${path} with an unexpected redirect.`, { status, path });
      }
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), deps.clock());
      const error = parseAscError(status, text, { method, path, retryAfterMs });
      if (status === 401 && !refreshedToken) {
        // The token may have been minted with a clock that has since jumped; one fresh try.
        refreshedToken = true;
        tokenProvider.invalidate();
        deps.logger?.warn('asc 401, retrying once with a fresh token', { method, path });
        continue;
      }
      if (status === 429) {
        if (!response.headers.has('x-rate-limit')) rateLimit.observeExhausted(deps.clock());
        return { retryable: error, retryAfterMs };
      }
      // Retrying a POST is safe here: a request Apple did create makes the retry fail with 409,
      // which callers already resolve by looking the request up.
      if (status >= 500) return { retryable: error, retryAfterMs };
      throw error;
    }
  }

  function send(
    method: HttpMethod,
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
    maxAttempts?: number,
    file?: { maxBytes: number },
  ): Promise<unknown> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const policy = maxAttempts === undefined ? deps.policy : { ...deps.policy, maxAttempts };
    return runWithRetry(() => attemptOnce(method, url, json, signal, file), {
      policy,
      sleep: deps.sleep,
      random: deps.random,
      signal,
      onRetry: ({ attempt, delayMs, error }) =>
        deps.logger?.warn('asc request failed, retrying', {
          method,
          url: redactUrl(url),
          attempt,
          delayMs,
          code: error.code,
          status: error instanceof AscApiError ? error.status : undefined,
        }),
    });
  }

  function urlFor(path: string, query?: Query): string {
    if (!path.startsWith('/')) throw new OrchardError('INTERNAL', `API path must start with '/': ${path}`);
    return `${baseUrl}${path}${buildQueryString(query)}`;
  }

  return {
    baseUrl,
    rateLimit,
    request(method, path, requestOptions = {}) {
      const url = urlFor(path, requestOptions.query);
      return send(method, url, requestOptions.body, requestOptions.signal, requestOptions.maxAttempts);
    },
    async requestFile(path, fileOptions) {
      const value = await send('GET', urlFor(path, fileOptions.query), undefined, fileOptions.signal, undefined, { maxBytes: fileOptions.maxBytes });
      return value as Buffer;
    },
    async *paginate(path, query, pageOptions = {}) {
      let url: string | undefined = urlFor(path, query);
      const visited = new Set<string>();
      while (url !== undefined) {
        visited.add(url);
        const page = await send('GET', url, undefined, pageOptions.signal);
        yield page;
        url = nextPageUrl(page, url, baseOrigin, visited);
      }
    },
  };
}

function nextPageUrl(
  page: unknown,
  currentUrl: string,
  baseOrigin: string | undefined,
  visited: Set<string>,
): string | undefined {
  const next = nextLinkOf(page);
  if (next === undefined) return undefined;
  // Apple sends absolute links; use them verbatim and resolve only a relative one.
  const url = originOf(next) === undefined ? new URL(next, currentUrl).toString() : next;
  if (originOf(url) !== baseOrigin) {
    // Following it would send the bearer token to another host.
    throw new OrchardError('INTERNAL', 'App Store Connect sent a paging link to another host; Orchard refused to follow it.', {
      reason: 'foreign-next-link',
      origin: originOf(url),
    });
  }
  if (visited.has(url)) {
    throw new OrchardError('INTERNAL', 'App Store Connect sent a paging link that loops back to an earlier page.', {
      reason: 'paging-loop',
    });
  }
  return url;
}

function parseJsonBody(text: string, method: string, path: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OrchardError('INTERNAL', `App Store Connect sent a response that is not JSON (${method} ${path}).`, { path });
  }
}
