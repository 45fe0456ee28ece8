// Instances as the UI shows them: every instance Orchard listed for an app, classified as
// downloaded, pending, expired (Apple deletes it 35 days after producing it, or its request is
// gone) or failed (a segment failed verification or download), with a reason in words.
import type { AccessType, Granularity } from '../../shared/ascTypes';
import { RETENTION_DAYS, type InstanceState, type InstanceView } from '../../shared/browse';
import { sqlString } from '../warehouse/sql';
import { numOrNull, str, type Row } from './warehouseRows';

const DAY_MS = 86_400_000;

export interface InstanceRow {
  instanceId: string;
  reportName: string;
  tableName: string;
  requestId?: string;
  accessType: AccessType;
  granularity: Granularity;
  processingDate: string;
  ingested: boolean;
  segmentCount: number | null;
  rowCount: number | null;
  ingestedAt?: string;
  badSegments: number;
  error?: string;
}

/** One row per instance of the app (optionally of one report name or one instance). */
export function instanceRowsSql(appId: string, filter: { reportName?: string; instanceId?: string } = {}): string {
  const where = [`i.app_id = ${sqlString(appId)}`];
  if (filter.reportName !== undefined) where.push(`i.report_name = ${sqlString(filter.reportName)}`);
  if (filter.instanceId !== undefined) where.push(`i.instance_id = ${sqlString(filter.instanceId)}`);
  return `WITH bad AS (
    SELECT instance_id, count(*) AS n, max(error) AS error FROM orchard.segments
    WHERE state IN ('failed', 'quarantined') GROUP BY instance_id)
  SELECT i.instance_id, i.report_name, i.table_name, r.request_id, i.access_type, i.granularity,
    CAST(i.processing_date AS VARCHAR) AS processing_date, i.state, i.segment_count, i.row_count,
    strftime(i.ingested_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS ingested_at, coalesce(bad.n, 0) AS bad_segments, bad.error
  FROM orchard.instances i
  LEFT JOIN orchard.reports r ON r.report_id = i.report_id
  LEFT JOIN bad ON bad.instance_id = i.instance_id
  WHERE ${where.join(' AND ')}
  ORDER BY i.processing_date DESC, i.granularity, i.instance_id`;
}

export function toInstanceRow(r: Row): InstanceRow {
  const requestId = str(r.request_id);
  const ingestedAt = str(r.ingested_at);
  const error = str(r.error);
  return {
    instanceId: String(r.instance_id),
    reportName: String(r.report_name),
    tableName: String(r.table_name),
    ...(requestId ? { requestId } : {}),
    accessType: String(r.access_type) as AccessType,
    granularity: String(r.granularity) as Granularity,
    processingDate: String(r.processing_date),
    ingested: r.state === 'ingested',
    segmentCount: numOrNull(r.segment_count),
    rowCount: numOrNull(r.row_count),
    ...(ingestedAt ? { ingestedAt } : {}),
    badSegments: Number(r.bad_segments ?? 0),
    ...(error ? { error } : {}),
  };
}

export function expiryDate(processingDate: string): string {
  return new Date(Date.parse(`${processingDate}T00:00:00Z`) + RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10);
}

export interface ClassifyContext {
  today: Date;
  /** Requests Apple no longer lists (deleted or recreated). */
  deletedRequests: ReadonlySet<string>;
}

export function classifyInstance(row: InstanceRow, ctx: ClassifyContext): { state: InstanceState; note: string } {
  const expiresOn = expiryDate(row.processingDate);
  if (row.ingested) {
    const rows = row.rowCount ?? 0;
    return { state: 'downloaded', note: `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} loaded into the warehouse.` };
  }
  const todayIso = ctx.today.toISOString().slice(0, 10);
  if (row.requestId !== undefined && ctx.deletedRequests.has(row.requestId)) {
    return { state: 'expired', note: 'Not downloaded, and its request was deleted: Apple no longer serves it.' };
  }
  if (todayIso > expiresOn) {
    return { state: 'expired', note: `Not downloaded before Apple deleted it on ${expiresOn} (35 days after it was produced). Only a new history snapshot can recover these dates.` };
  }
  if (row.badSegments > 0) {
    return { state: 'failed', note: `The last attempt failed${row.error ? `: ${row.error}` : ''}. The next sync tries again (until ${expiresOn}).` };
  }
  return { state: 'pending', note: `Listed by Apple, not downloaded yet; available until ${expiresOn}.` };
}

export function toInstanceView(row: InstanceRow, ctx: ClassifyContext): InstanceView {
  return {
    instanceId: row.instanceId,
    reportName: row.reportName,
    accessType: row.accessType,
    granularity: row.granularity,
    processingDate: row.processingDate,
    ...classifyInstance(row, ctx),
    segmentCount: row.segmentCount,
    rowCount: row.rowCount,
    ...(row.ingestedAt ? { ingestedAt: row.ingestedAt } : {}),
    expiresOn: expiryDate(row.processingDate),
  };
}

export function emptyCounts(): Record<InstanceState, number> {
  return { downloaded: 0, pending: 0, expired: 0, failed: 0 };
}
