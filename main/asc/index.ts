// Public surface of the App Store Connect client; other main-process modules import from here.

export { createAscClient, type AscClient, type AscClientOptions } from './client';
export { createTokenProvider, type TokenProvider, type TokenProviderOptions } from './token';
export { AscApiError, SegmentUrlExpiredError, errorCodeForStatus, isSegmentUrlExpired, type AscErrorSource } from './errors';
export { DEFAULT_BASE_URL, type AscLogger, type HttpMethod } from './http';
export { realSleep, type Sleep } from './retry';
export type { FetchFn } from './transport';
export type { RateLimitListener } from './rateLimit';
export type { SegmentDownload, FetchSegmentOptions, SegmentFetcher } from './segments';
export type { CallOptions, ListOptions } from './paging';
export type { ListInstancesOptions, ListReportRequestsOptions, ListReportsOptions } from './analytics';
export type { ListAppsOptions } from './apps';
