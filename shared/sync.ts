// Sync domain types shown by the renderer and the CLI: progress, per-report status, run summaries.
import type { ErrorPayload } from './errors';
import type { Granularity } from './ascTypes';

export type SyncPhase = 'requests' | 'listing' | 'downloading' | 'loading' | 'finished';

export interface Counter {
  done: number;
  total: number;
}

export interface SyncProgress {
  jobId: string;
  appId: string;
  phase: SyncPhase;
  reports: Counter;
  instances: Counter;
  segments: Counter;
  bytes: Counter;
  rows: number;
  /** What is happening now, in words ("Downloading App Sessions Standard, 2024-04-02"). */
  message: string;
  /**
   * Instances' worth of files downloaded: whole instances plus the byte fraction of those in
   * flight, so it moves per byte and per file; total = instances to download.
   */
  download?: Counter;
  /** Instances whose files are all downloaded: the whole count the message and the bar name. */
  downloadedInstances?: number;
  /** The whole run, 0..1, never going back (see overallProgress). */
  overall?: number;
  /** Set on the 'finished' event. */
  outcome?: SyncOutcome;
}

export type ReportStatusKind = 'requested' | 'available' | 'stale' | 'no-data' | 'stopped' | 'error';

export interface ReportStatus {
  reportName: string;
  category: string;
  status: ReportStatusKind;
  /** Plain-language reason shown beside the status. */
  reason: string;
  latestProcessingDate?: string;
  granularities: Granularity[];
}

/** 'interrupted': the run never finished (Orchard quit or crashed); the next sync resumes it. */
export type SyncOutcome = 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncIssue {
  reportName?: string;
  instanceId?: string;
  segmentId?: string;
  error: ErrorPayload;
}

export interface SyncSummary {
  runId: string;
  appId: string;
  outcome: SyncOutcome;
  startedAt: string;
  endedAt: string;
  reports: number;
  instancesIngested: number;
  instancesSkipped: number;
  segmentsDownloaded: number;
  bytesDownloaded: number;
  rowsLoaded: number;
  quarantined: number;
  issues: SyncIssue[];
  /** Notes about requests (created, reused, stopped, waiting for Apple). */
  notes: string[];
}
