// What the sync engine needs from the warehouse, as a port: metadata bookkeeping, what is
// already verified or ingested, and the one-transaction ingest of an instance.
import type { AccessType, Granularity, Report, ReportInstance, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus, SyncSummary } from '../../shared/sync';
import type { InstancesLoaded } from '../warehouse/types';

export interface InstanceRef {
  appId: string;
  reportId: string;
  reportName: string;
  category: string;
  accessType: AccessType;
  instance: ReportInstance;
}

export interface VerifiedSegment {
  segmentId: string;
  checksum: string;
  bytes: number;
  filePath: string;
}

export interface IngestRequest {
  ref: InstanceRef;
  segments: VerifiedSegment[];
}

export type SegmentState = 'downloaded' | 'ingested' | 'quarantined' | 'failed';

export interface SyncStore {
  saveRequests(appId: string, requests: ReportRequest[]): Promise<void>;
  saveReports(appId: string, request: ReportRequest, reports: Report[]): Promise<void>;
  saveInstances(refs: InstanceRef[]): Promise<void>;
  saveReportStatuses(appId: string, statuses: ReportStatus[]): Promise<void>;
  /** The subset of these instance IDs whose every segment is already ingested. */
  ingestedInstanceIds(instanceIds: string[]): Promise<Set<string>>;
  /** Segment files already downloaded and verified for an instance (survives crash and cancel). */
  verifiedSegments(instanceId: string): Promise<VerifiedSegment[]>;
  recordSegment(ref: InstanceRef, segment: VerifiedSegment | { segmentId: string; checksum: string; bytes: number }, state: SegmentState, error?: string): Promise<void>;
  /** One transaction for the batch: replaces each instance's rows with its segments' rows; `onLoaded` hears each report table's share. */
  ingestMany(requests: IngestRequest[], signal?: AbortSignal, onLoaded?: InstancesLoaded): Promise<{ instanceId: string; rows: number }[]>;
  startRun(appId: string, startedAt: string): Promise<string>;
  finishRun(summary: SyncSummary): Promise<void>;
}

/** Granularities an instance listing may be filtered by. */
export type GranularityFilter = readonly Granularity[] | undefined;
