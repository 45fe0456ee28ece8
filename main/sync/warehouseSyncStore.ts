// The SyncStore port implemented over the DuckDB warehouse's metadata tables and ingest.
import type { Report, ReportRequest } from '../../shared/ascTypes';
import type { ErrorPayload } from '../../shared/errors';
import type { SyncIssue, SyncSummary } from '../../shared/sync';
import type { IngestInput, SyncRunRecord, Warehouse } from '../warehouse';
import type { IngestRequest, SyncStore } from './syncStore';

export function createWarehouseSyncStore(warehouse: Warehouse): SyncStore {
  const meta = warehouse.metadata;
  // Report IDs by name for this store's runs: statuses are per name, metadata rows per report ID.
  const reportIdsByName = new Map<string, { reportId: string; requestId: string; appId: string; request: ReportRequest; category: string }[]>();

  return {
    saveRequests: (appId, requests) =>
      meta.upsertRequests(requests.map((r) => ({ requestId: r.id, appId, accessType: r.accessType, stoppedDueToInactivity: r.stoppedDueToInactivity }))),
    async saveReports(appId, request, reports: Report[]) {
      for (const r of reports) {
        const list = (reportIdsByName.get(r.name) ?? []).filter((x) => x.reportId !== r.id);
        list.push({ reportId: r.id, requestId: request.id, appId, request, category: r.category });
        reportIdsByName.set(r.name, list);
      }
      await meta.upsertReports(reports.map((r) => ({ reportId: r.id, requestId: request.id, appId, accessType: request.accessType, name: r.name, category: r.category })));
    },
    saveInstances: (refs) =>
      meta.upsertInstances(
        refs.map((ref) => ({
          instanceId: ref.instance.id,
          reportId: ref.reportId,
          appId: ref.appId,
          reportName: ref.reportName,
          category: ref.category,
          accessType: ref.accessType,
          granularity: ref.instance.granularity,
          processingDate: ref.instance.processingDate,
        })),
      ),
    async saveReportStatuses(appId, statuses) {
      const rows = statuses.flatMap((s) =>
        (reportIdsByName.get(s.reportName) ?? [])
          .filter((r) => r.appId === appId)
          .map((r) => ({ reportId: r.reportId, requestId: r.requestId, appId, accessType: r.request.accessType, name: s.reportName, category: r.category, status: s.status, reason: s.reason })),
      );
      await meta.upsertReports(rows);
    },
    ingestedInstanceIds: (ids) => meta.ingestedInstanceIds(ids),
    async verifiedSegments(instanceId) {
      const stored = await meta.listSegments(instanceId);
      return stored
        .filter((s) => (s.state === 'downloaded' || s.state === 'ingested') && s.filePath)
        .map((s) => ({ segmentId: s.segmentId, checksum: s.checksum, bytes: s.sizeInBytes, filePath: s.filePath as string }));
    },
    recordSegment: (ref, seg, state, error) =>
      meta.upsertSegments([
        {
          segmentId: seg.segmentId,
          instanceId: ref.instance.id,
          checksum: seg.checksum,
          sizeInBytes: seg.bytes,
          state,
          ...('filePath' in seg ? { filePath: seg.filePath } : {}),
          ...(error ? { error } : {}),
        },
      ]),
    ingestMany: (requests, signal, onLoaded) => warehouse.ingestInstances(requests.map(toIngestInput), signal, onLoaded),
    startRun: (appId, startedAt) => meta.startSyncRun({ appId, startedAt: new Date(startedAt) }),
    finishRun: (s) =>
      meta.finishSyncRun(s.runId, {
        // The engine always finishes with a real outcome; 'interrupted' only describes runs that never did.
        outcome: s.outcome === 'interrupted' ? 'failed' : s.outcome,
        endedAt: new Date(s.endedAt),
        counts: {
          reports: s.reports,
          instancesIngested: s.instancesIngested,
          instancesSkipped: s.instancesSkipped,
          segmentsDownloaded: s.segmentsDownloaded,
          bytesDownloaded: s.bytesDownloaded,
          rowsLoaded: s.rowsLoaded,
          quarantined: s.quarantined,
        },
        errors: [...s.issues.map((i) => ({ kind: 'issue', ...i })), ...s.notes.map((message) => ({ kind: 'note', message }))],
      }),
  };
}

function toIngestInput({ ref, segments }: IngestRequest): IngestInput {
  return {
    reportName: ref.reportName,
    category: ref.category,
    accessType: ref.accessType,
    instanceId: ref.instance.id,
    granularity: ref.instance.granularity,
    processingDate: ref.instance.processingDate,
    appId: ref.appId,
    reportId: ref.reportId,
    segments: segments.map((s) => ({ segmentId: s.segmentId, filePath: s.filePath, checksum: s.checksum, sizeInBytes: s.bytes })),
  };
}

/** A stored run back into the summary the UI and CLI show. */
export function summaryFromRun(run: SyncRunRecord): SyncSummary {
  const c = run.counts;
  const entries = run.errors.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
  return {
    runId: run.runId,
    appId: run.appId ?? '',
    outcome: run.outcome ?? 'interrupted',
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? run.startedAt,
    reports: c.reports ?? 0,
    instancesIngested: c.instancesIngested ?? 0,
    instancesSkipped: c.instancesSkipped ?? 0,
    segmentsDownloaded: c.segmentsDownloaded ?? 0,
    bytesDownloaded: c.bytesDownloaded ?? 0,
    rowsLoaded: c.rowsLoaded ?? 0,
    quarantined: c.quarantined ?? 0,
    issues: entries.filter((e) => e.kind === 'issue').map((e) => ({ ...(e as object), error: e.error as ErrorPayload }) as SyncIssue),
    notes: entries.filter((e) => e.kind === 'note').map((e) => String(e.message)),
  };
}
