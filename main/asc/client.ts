// The App Store Connect client façade: one object binding token, HTTP layer, endpoint calls, segment
// downloads, the live rate-limit budget and a connection test for the key setup screen.

import type { ConnectionFailureReason, ConnectionTestResult, RateLimitBudget } from '../../shared/ascTypes';
import { OrchardError, type ErrorCode } from '../../shared/errors';
import { createAnalyticsApi, type AnalyticsApi } from './analytics';
import { createAppsApi, type AppsApi } from './apps';
import { createAscHttp, resolveHttpDeps, type AscHttpOptions } from './http';
import type { RateLimitListener } from './rateLimit';
import { listDocument, linkageItem, nextLinkOf } from './schemas';
import { createFinanceApi, type FinanceApi } from './financeReports';
import { createSalesApi, type SalesApi } from './salesReports';
import { createSegmentFetcher, type SegmentFetcher } from './segments';

export type AscClientOptions = AscHttpOptions;

export interface AscClient extends AnalyticsApi, AppsApi, SalesApi, FinanceApi {
  readonly baseUrl: string;
  /** Streams a segment from its presigned URL, without the API token. */
  fetchSegment: SegmentFetcher;
  /** Latest hourly budget reported by Apple, if any response carried it yet. */
  rateLimit(): RateLimitBudget | undefined;
  onRateLimit(listener: RateLimitListener): () => void;
  /** `GET /v1/apps?limit=1`, classified for the user. Never throws. */
  testConnection(options?: { signal?: AbortSignal }): Promise<ConnectionTestResult>;
}

/** Retries for the connection test are few: the user is waiting on the answer. */
const CONNECTION_TEST_ATTEMPTS = 2;

export function createAscClient(options: AscClientOptions): AscClient {
  const http = createAscHttp(options);
  const fetchSegment = createSegmentFetcher(resolveHttpDeps(options), http.baseUrl);
  return {
    ...createAnalyticsApi(http),
    ...createAppsApi(http),
    ...createSalesApi(http),
    ...createFinanceApi(http),
    baseUrl: http.baseUrl,
    fetchSegment,
    rateLimit: () => http.rateLimit.current(),
    onRateLimit: (listener) => http.rateLimit.subscribe(listener),
    async testConnection(testOptions = {}) {
      try {
        const body = await http.request('GET', '/v1/apps', {
          query: { limit: 1 },
          signal: testOptions.signal,
          maxAttempts: CONNECTION_TEST_ATTEMPTS,
        });
        return { ok: true, appsVisible: appsVisible(body) };
      } catch (error) {
        const orchardError =
          error instanceof OrchardError
            ? error
            : new OrchardError('INTERNAL', 'The connection test failed unexpectedly.');
        return { ok: false, reason: failureReason(orchardError), error: orchardError.toPayload() };
      }
    },
  };
}

const appsPage = listDocument(linkageItem('apps'));

/** `meta.paging.total` when present; otherwise exact only when everything fit on the page. */
function appsVisible(body: unknown): number | undefined {
  const parsed = appsPage.safeParse(body);
  if (!parsed.success) return undefined;
  const total = parsed.data.meta?.paging?.total;
  if (total !== undefined) return total;
  return nextLinkOf(body) === undefined ? parsed.data.data.length : undefined;
}

const REASONS: Partial<Record<ErrorCode, ConnectionFailureReason>> = {
  AUTH_FAILED: 'auth-failed',
  FORBIDDEN: 'forbidden',
  NETWORK: 'network',
  RATE_LIMITED: 'rate-limited',
  CANCELLED: 'cancelled',
};

function failureReason(error: OrchardError): ConnectionFailureReason {
  if (error.code === 'BAD_INPUT' && error.details?.reason === 'bad-private-key') return 'bad-key';
  return REASONS[error.code] ?? 'other';
}
