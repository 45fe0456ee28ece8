// Domain objects of the App Store Connect Analytics Reports API as Orchard uses them, shared by
// main (which parses Apple's JSON:API documents into these) and the renderer (which shows them).
// Plain data only: no zod, no node:, no DOM.

import type { ErrorPayload } from './errors';

/** Wire values of `accessType` (§6 of the API fact sheet). */
export const ACCESS_TYPES = ['ONE_TIME_SNAPSHOT', 'ONGOING'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

/** Wire values of `category`: COMMERCE and FRAMEWORK_USAGE, never APP_STORE_COMMERCE / FRAMEWORKS_USAGE. */
export const REPORT_CATEGORIES = [
  'APP_USAGE',
  'APP_STORE_ENGAGEMENT',
  'COMMERCE',
  'FRAMEWORK_USAGE',
  'PERFORMANCE',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const GRANULARITIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface ReportRequest {
  id: string;
  accessType: AccessType;
  /** Apple stopped producing data for this ONGOING request; fix by DELETE then POST. */
  stoppedDueToInactivity: boolean;
}

export interface Report {
  /** `r<N>-<requestUuid>`; changes when the request is recreated, so key data by `name`. */
  id: string;
  name: string;
  /**
   * Normally one of REPORT_CATEGORIES. Kept as a string so a category Apple adds later shows up
   * instead of failing the whole listing.
   */
  category: string;
}

export interface ReportInstance {
  id: string;
  granularity: Granularity;
  /** `YYYY-MM-DD`, the day Apple produced the instance (not the data date). */
  processingDate: string;
}

export interface Segment {
  id: string;
  /** Presumably lowercase hex MD5 of the gzip bytes; compare case-insensitively. */
  checksum: string;
  sizeInBytes: number;
  /** Presigned S3 URL, valid ~5 minutes. Secret-ish: never log its query string. */
  url: string;
}

export interface App {
  /** Apple ID as a string, e.g. "1476097583". */
  id: string;
  name: string;
  bundleId: string;
  sku: string;
  primaryLocale?: string;
}

/** Hourly request budget of the key in use, from the `X-Rate-Limit` response header. */
export interface RateLimitBudget {
  limit: number;
  remaining: number;
  /** Epoch milliseconds of the response that reported it. */
  updatedAt: number;
}

export type ConnectionFailureReason =
  | 'auth-failed' // 401: wrong issuer ID, key ID, key type or .p8, or a revoked key
  | 'forbidden' // 403: the key's role (or a revocation) does not allow the call
  | 'bad-key' // the .p8 could not be used to sign at all
  | 'network' // App Store Connect unreachable or failing
  | 'rate-limited'
  | 'cancelled'
  | 'other';

export type ConnectionTestResult =
  | { ok: true; /** Apps the key can see, when Apple reports a total. */ appsVisible: number | undefined }
  | { ok: false; reason: ConnectionFailureReason; error: ErrorPayload };
