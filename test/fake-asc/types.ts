// Public types of the fake App Store Connect server: options, control switches and the handle
// tests (and the demo) hold. Internal records live in store.ts.

import type { FakeSalesControl } from './sales/salesState';
import type { FakeClock } from './clock';
import type { Granularity } from './catalogue';
import type { SegmentRewrite } from './hostileSegments';

export type { Granularity, Category } from './catalogue';
export type AccessType = 'ONE_TIME_SNAPSHOT' | 'ONGOING';
export type KeyRole = 'ADMIN' | 'FINANCE' | 'SALES_AND_REPORTS' | 'DEVELOPER';

/** How a segment file is written; defaults: tab, no BOM, `\n`, Apple's column order, 1 gzip member. */
export interface FileFormat {
  delimiter?: '\t' | ',';
  bom?: boolean;
  crlf?: boolean;
  /** Column order permuted per instance (clients must map by name). */
  shuffleColumns?: boolean;
  /** Header names in a different case (clients must match case-insensitively). */
  lowerCaseHeader?: boolean;
  /** Write the file as this many concatenated gzip members. */
  gzipMembers?: number;
}

export interface FakeAscOptions {
  /** Initial fake time (default: the real time at start). */
  now?: Date;
  /** Let the fake clock run along with real time (demo mode); advancing still adds on top. */
  followWallClock?: boolean;
  /** Seed for every generated ID and value (default 1). */
  seed?: number;
  /** Page size when `limit` is absent (default 50). */
  pageDefault?: number;
  /** Return list endpoints in a stable pseudo-random order instead of creation order. */
  shuffle?: boolean;
  /** Multiplies rows per Date for every app (default 1); use with `activity` for large files. */
  rowsScale?: number;
  /** Above this many rows an instance is split into more segments (default 50 000). */
  maxRowsPerSegment?: number;
  /** Days of history a snapshot backfills (default 60; Apple's is much longer). */
  snapshotBackfillDays?: number;
  /** `single`: one snapshot instance per granularity; `perMonth`: DAILY split by calendar month. */
  snapshotLayout?: 'single' | 'perMonth';
  /** Days without a segment download before an ONGOING request stops (default 14; Infinity = never). */
  inactivityDays?: number;
  /** Days before instances and segments are deleted (default 35). */
  retentionDays?: number;
  /** First data arrives this many hours after the request, picked per request (default [24, 48]). */
  firstDataDelayHours?: [number, number];
  /** Days between snapshots of one app, deleted ones included (default 31). */
  snapshotCooldownDays?: number;
  /** Default file format, and overrides per report name. */
  fileFormat?: FileFormat;
  fileFormats?: Record<string, FileFormat>;
  /** Vary JSON whitespace and key order between responses (default true). */
  varyJson?: boolean;
  rateLimitPerHour?: number;
  /** Fixed ports (default 0 = any free port). */
  port?: number;
  segmentPort?: number;
}

export interface KeyRegistration {
  keyId: string;
  /** The team's issuer ID; omit for an individual key. */
  issuerId?: string;
  individual?: boolean;
  publicKeyPem: string;
  role: KeyRole;
  revoked?: boolean;
}

export interface AppSpec {
  id: string;
  name: string;
  bundleId: string;
  sku: string;
  /** Scales rows per Date (default 1); 0 = an app nobody uses (no instances). */
  activity?: number;
  /** Whether the app sells anything; false leaves Purchases/Subscription reports empty (default true). */
  commerce?: boolean;
}

/** Mutable switches; each `…Next` counter is decremented as the fault fires. */
export interface FakeFaults {
  /** Probability (0..1, from the seeded dice) that an API call answers 500. */
  serverErrorRate: number;
  serverErrorNext: number;
  /** The next N API calls get 429 with `Retry-After: 1`. */
  rateLimitBurst: number;
  /** The next N downloads end cleanly after half the bytes. */
  truncateNextDownloads: number;
  /** The next N downloads announce the full length, send half, then reset the connection. */
  resetNextDownloads: number;
  /** The next N downloads serve bytes with one byte flipped. */
  corruptBodyNext: number;
  /** The next N segment resources rendered by the API carry a wrong `checksum`. */
  corruptChecksumNext: number;
  /** The next N segment resources rendered by the API carry a wrong `sizeInBytes`. */
  wrongSizeNext: number;
  /** While true, every instance lists no segments (`data: []`). */
  zeroSegmentInstances: boolean;
  /** Rewrites rendered segment resources (hostile IDs, URLs, sizes); see hostileSegments.ts. */
  segmentRewrite?: SegmentRewrite;
}

export interface FakeStats {
  apiCalls: number;
  downloads: number;
  bytesServed: number;
  /** Keyed `"<METHOD> <path template>"`, e.g. `"GET /v1/analyticsReports/{id}/instances"`. */
  callsByPath: Record<string, number>;
}

export interface LatestTotalsQuery {
  appId: string;
  reportName: string;
  granularity: Granularity;
  metric: string;
  /** `existing` (default): instances still listed; `everProduced`: also expired and deleted ones. */
  scope?: 'existing' | 'everProduced';
}

export interface RequestInfo {
  id: string;
  appId: string;
  accessType: AccessType;
  createdAt: Date;
  firstDataAt: Date;
  stoppedDueToInactivity: boolean;
  deleted: boolean;
}

export interface InstanceInfo {
  id: string;
  requestId: string;
  reportId: string;
  reportName: string;
  accessType: AccessType;
  granularity: Granularity;
  processingDate: string;
  producedAt: Date;
  /** The Dates its rows cover. */
  dates: string[];
  segmentIds: string[];
  /** Expired (retention) or its request deleted. */
  gone: boolean;
}

export interface InstanceQuery {
  appId?: string;
  requestId?: string;
  reportName?: string;
  granularity?: Granularity;
  includeGone?: boolean;
}

export interface FakeAsc {
  /** `http://127.0.0.1:PORT`, the API host. */
  baseUrl: string;
  /** A separate listener playing S3 (segment downloads). */
  segmentBaseUrl: string;
  registerKey(key: KeyRegistration): void;
  revokeKey(keyId: string): void;
  addApp(app: AppSpec): void;
  clock: FakeClock;
  faults: FakeFaults;
  /** Sales and Trends: vendor number, no-sales and re-issued days, file quirks, the truth. */
  sales: FakeSalesControl;
  /** Hourly quota per key (mutable). */
  rateLimitPerHour: number;
  stats(): FakeStats;
  resetStats(): void;
  /** Ground truth: latest-wins totals per Date of one metric column, from the fake's own rows. */
  latestTotals(query: LatestTotalsQuery): Map<string, number>;
  /** Creates a request without HTTP (setup shortcut); throws on the same conflicts as POST. */
  createRequest(appId: string, accessType: AccessType, options?: { createdAt?: Date }): string;
  requests(appId: string): RequestInfo[];
  reports(requestId: string): Array<{ id: string; name: string; category: string }>;
  instances(query?: InstanceQuery): InstanceInfo[];
  /** Builds (and caches) the segment files of matching live instances now, e.g. before a benchmark's timer starts; returns gz bytes. */
  prepareSegmentFiles(query?: InstanceQuery): number;
  close(): Promise<void>;
}
