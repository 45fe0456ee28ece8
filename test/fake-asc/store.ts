// In-memory state of one fake server: keys, apps, report requests and everything produced for
// them. Records are never removed; deletion and expiry are timestamps, so history stays inspectable.

import type { importSPKI } from 'jose';
import type { Granularity, ReportDef } from './catalogue';
import type { AccessType, KeyRole } from './types';
import { DAY_MS } from './dates';

export interface KeyRecord {
  keyId: string;
  issuerId: string | undefined;
  individual: boolean;
  role: KeyRole;
  revoked: boolean;
  publicKey: Promise<Awaited<ReturnType<typeof importSPKI>> | undefined>;
}

export interface AppRecord {
  id: string;
  name: string;
  bundleId: string;
  sku: string;
  activity: number;
  commerce: boolean;
  /** Order of addition, for the default app listing order. */
  ordinal: number;
}

export interface RequestRecord {
  id: string;
  app: AppRecord;
  accessType: AccessType;
  createdAt: number;
  /** When the first instances appear; ONGOING production repeats at this time of day. */
  firstDataAt: number;
  lastActivityAt: number;
  stoppedAt: number | undefined;
  deletedAt: number | undefined;
  /** Next processing day to produce (ONGOING) / whether the backfill ran (snapshot). */
  nextProcessingDay: number;
  snapshotProduced: boolean;
  /** In the request's own stable, unsorted order. */
  reports: ReportRecord[];
}

export interface ReportRecord {
  id: string;
  def: ReportDef;
  request: RequestRecord;
  instances: InstanceRecord[];
}

export interface InstanceRecord {
  id: string;
  report: ReportRecord;
  granularity: Granularity;
  processingDay: number;
  producedAt: number;
  /** Day numbers of the Dates its rows cover, ascending. */
  dates: number[];
  segments: SegmentRecord[];
}

export interface SegmentFile {
  gz: Buffer;
  md5: string;
}

export interface SegmentRecord {
  id: string;
  instance: InstanceRecord;
  index: number;
  /** Half-open range of row positions over the instance's concatenated Date blocks. */
  fromRow: number;
  toRow: number;
  /** Path on the S3 listener, `/reports/<appId>/<KEY>/<GRAN>/<ACCESS>/<yyyymmdd>/<epochMs>/<n>.csv.gz`. */
  s3Path: string;
  file: SegmentFile | undefined;
}

export class FakeStore {
  readonly keys = new Map<string, KeyRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly requests = new Map<string, RequestRecord>();
  readonly reports = new Map<string, ReportRecord>();
  readonly instances = new Map<string, InstanceRecord>();
  readonly segments = new Map<string, SegmentRecord>();
  readonly segmentsByS3Path = new Map<string, SegmentRecord>();

  constructor(private readonly retentionDays: number) {}

  isRequestLive(request: RequestRecord): boolean {
    return request.deletedAt === undefined;
  }

  isInstanceLive(instance: InstanceRecord, nowMs: number): boolean {
    return this.isRequestLive(instance.report.request) && nowMs < instance.producedAt + this.retentionDays * DAY_MS;
  }

  liveRequest(id: string): RequestRecord | undefined {
    const request = this.requests.get(id);
    return request && this.isRequestLive(request) ? request : undefined;
  }

  liveReport(id: string): ReportRecord | undefined {
    const report = this.reports.get(id);
    return report && this.isRequestLive(report.request) ? report : undefined;
  }

  liveInstance(id: string, nowMs: number): InstanceRecord | undefined {
    const instance = this.instances.get(id);
    return instance && this.isInstanceLive(instance, nowMs) ? instance : undefined;
  }

  liveSegment(id: string, nowMs: number): SegmentRecord | undefined {
    const segment = this.segments.get(id);
    return segment && this.isInstanceLive(segment.instance, nowMs) ? segment : undefined;
  }

  requestsOfApp(appId: string): RequestRecord[] {
    return [...this.requests.values()].filter((r) => r.app.id === appId);
  }
}
