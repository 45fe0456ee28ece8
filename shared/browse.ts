// What the browse screens show (overview, requests, reports, instances, settings): read models
// built in main/browse from Apple's answers and the warehouse, plus the small pure helpers both
// sides need (category labels, the overall progress of a sync).
import type { AccessType, Granularity } from './ascTypes';
import type { ErrorPayload } from './errors';
import type { RoleHint } from './keys';
import type { SyncOutcome, SyncProgress } from './sync';

export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  APP_STORE_ENGAGEMENT: 'App Store Engagement',
  COMMERCE: 'App Store Commerce',
  APP_USAGE: 'App Usage',
  FRAMEWORK_USAGE: 'Framework Usage',
  PERFORMANCE: 'Performance',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.replaceAll('_', ' ').toLowerCase();
}

/** Apple deletes instances and their files this many days after producing them (fact sheet §8). */
export const RETENTION_DAYS = 35;
/** Apple allows about one history snapshot per app in this many days, deleted ones included. */
export const SNAPSHOT_COOLDOWN_DAYS = 31;

// ---- requests ----

/** 'not-synced': Orchard found the request but no sync has listed its data yet. */
export type RequestState = 'waiting' | 'active' | 'stopped' | 'snapshot-waiting' | 'snapshot-ready' | 'not-synced' | 'snapshot-not-synced';

export interface RequestView {
  requestId: string;
  accessType: AccessType;
  stoppedDueToInactivity: boolean;
  /** When Orchard created or first saw the request (Apple records no creation date). */
  firstSeenAt?: string;
  /** True when Orchard created it, so firstSeenAt is when it was requested. */
  createdByOrchard?: boolean;
  /** Instances Orchard has listed for the request's reports, and how many are downloaded. */
  instances: number;
  downloaded: number;
  newestProcessingDate?: string;
  state: RequestState;
  /** One plain line: "Requested 14 hours ago — Apple usually needs 24–48 hours". */
  summary: string;
}

/** Whether the key in use may create and delete requests, and if not, why. */
export interface RoleView {
  keyId?: string;
  roleHint?: RoleHint;
  canManage: boolean;
  reason?: string;
}

export interface SnapshotQuota {
  /** When Orchard last asked Apple for a snapshot of this app. */
  lastRequestedAt?: string;
  /** `YYYY-MM-DD` from which Apple should accept another one. */
  availableFrom?: string;
  allowedNow: boolean;
}

export interface RequestsView {
  appId: string;
  requests: RequestView[];
  role: RoleView;
  snapshot: SnapshotQuota;
  /** 'apple': listed live just now; 'cache': what the warehouse knew (see liveError). */
  source: 'apple' | 'cache';
  liveError?: ErrorPayload;
  checkedAt: string;
}

// ---- reports ----

export type ReportLevelLabel = 'Standard' | 'Detailed' | 'Single';

export interface ReportView {
  name: string;
  category: string;
  level: ReportLevelLabel;
  /** Access types of the live requests that list this report. */
  accessTypes: AccessType[];
  /** Status and reason from the last sync (`available`, `no-data`, `requested`, …). */
  status?: string;
  reason?: string;
  /** Granularities Apple produces for it (catalogue), plus any seen in instances. */
  granularities: Granularity[];
  instances: { total: number; downloaded: number; pending: number; expired: number; failed: number };
  rowsLoaded: number;
  selected: boolean;
  /** True when the report is one of the default selection. */
  isDefault: boolean;
}

export interface ReportsView {
  appId: string;
  reports: ReportView[];
  /** False while the app uses the default selection. */
  customSelection: boolean;
  source: 'apple' | 'cache';
  liveError?: ErrorPayload;
  /** The app has no live report request at all (nothing to list). */
  noRequests: boolean;
}

// ---- instances ----

export type InstanceState = 'downloaded' | 'pending' | 'expired' | 'failed';

export interface InstanceView {
  instanceId: string;
  reportName: string;
  accessType: AccessType;
  granularity: Granularity;
  processingDate: string;
  state: InstanceState;
  /** Why it is in that state, in words. */
  note: string;
  segmentCount: number | null;
  rowCount: number | null;
  ingestedAt?: string;
  /** `YYYY-MM-DD` after which Apple no longer serves it. */
  expiresOn: string;
}

export interface InstancesView {
  appId: string;
  reportName: string;
  instances: InstanceView[];
  counts: Record<InstanceState, number>;
}

export interface SegmentView {
  segmentId: string;
  checksum: string;
  sizeInBytes: number;
  state: string;
  rowCount: number | null;
  ingestedAt?: string;
  error?: string;
}

export interface InstanceDetail {
  instance: InstanceView;
  tableName: string;
  segments: SegmentView[];
  /** Ready to run in the SQL workbench: this instance's raw rows. */
  sql: string;
}

// ---- overview ----

export type NoticeAction = 'request-reports' | 'recreate' | 'request-snapshot' | 'sync' | 'add-key' | 'choose-reports';

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
  action?: NoticeAction;
  /** The request the action is about (recreate). */
  requestId?: string;
}

export interface ReportFreshness {
  reportName: string;
  /** Newest `Date` (or `Event Date` / `Install Day`) loaded, `YYYY-MM-DD`. */
  newestDate?: string;
  rows: number;
  status?: string;
  reason?: string;
}

export interface CategoryCard {
  category: string;
  label: string;
  reports: number;
  selected: number;
  instancesDownloaded: number;
  instancesPending: number;
  rowsLoaded: number;
  newestDate?: string;
  /** Selected reports and reports with data, newest data first. */
  freshness: ReportFreshness[];
}

export interface LastSync {
  runId: string;
  outcome: SyncOutcome;
  startedAt: string;
  endedAt: string;
  instancesIngested: number;
  rowsLoaded: number;
  problems: number;
}

export interface AppOverview {
  appId: string;
  appName?: string;
  lastSync?: LastSync;
  running: boolean;
  /** When the automatic sync runs next; absent when automatic sync is off. */
  nextSyncAt?: string;
  requests: RequestView[];
  role: RoleView;
  snapshot: SnapshotQuota;
  notices: Notice[];
  categories: CategoryCard[];
  source: 'apple' | 'cache';
}

// ---- settings ----

export interface AutoSyncSettings {
  onLaunch: boolean;
  /** 0 = no periodic sync. */
  everyHours: number;
}

export interface SettingsView {
  dataDir: string;
  /** Bytes in the data folder (database, kept segment files); null when it could not be measured. */
  dataSizeBytes: number | null;
  canReveal: boolean;
  granularities: Granularity[];
  concurrency: number;
  autoSync: AutoSyncSettings;
  /** The App Store Connect address in use, present only when it is not Apple's (set by ORCHARD_ASC_BASE_URL). */
  ascBaseUrl?: string;
}

// ---- progress ----

/**
 * One number for a whole sync, 0..1: checking requests and listing take the first fifth,
 * downloading (per byte and file) the next three fifths, loading (per instance) the rest. Used by
 * the UI's overall bar and the dock icon, through the monotonic `overall` the sync keeps. A
 * cancelled or failed run ends where it stopped, not at 1.
 */
export function overallProgress(p: SyncProgress): number {
  if (p.phase === 'finished') return p.outcome === 'cancelled' || p.outcome === 'failed' ? (p.overall ?? 0) : 1;
  if (p.phase === 'requests') return 0.02;
  const listed = p.reports.total > 0 ? p.reports.done / p.reports.total : 0;
  if (p.phase === 'listing') return 0.05 + 0.15 * listed;
  if (p.instances.total === 0) return 1;
  const loaded = p.instances.done / p.instances.total;
  const downloaded = p.download && p.download.total > 0 ? p.download.done / p.download.total : loaded;
  return Math.min(1, 0.2 + 0.6 * Math.min(1, downloaded) + 0.2 * loaded);
}
