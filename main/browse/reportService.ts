// The Reports screen: the reports of the app's current requests (listed live from Apple when
// asked, else from the warehouse), their state, and which of them a sync includes.
import type { AccessType } from '../../shared/ascTypes';
import type { ReportsView } from '../../shared/browse';
import { OrchardError } from '../../shared/errors';
import type { AscSession } from '../session/ascSession';
import type { MetadataStore } from '../warehouse';
import { sqlString } from '../warehouse/sql';
import { instanceRowsSql, toInstanceRow, type ClassifyContext } from './instancesModel';
import type { RequestLog } from './requestLog';
import { buildReportViews, type ReportRow } from './reportsModel';
import type { SyncPreferences } from './syncPreferences';
import { str, type ReadRows } from './warehouseRows';
import { LIVE_TIMEOUT_MS, withDeadline } from './liveCalls';

export interface ReportServiceDeps {
  session: Pick<AscSession, 'clientFor'>;
  metadata: Pick<MetadataStore, 'upsertRequests' | 'upsertReports'>;
  rows: ReadRows;
  log: RequestLog;
  prefs: SyncPreferences;
  now: () => Date;
  /** How long a live listing may take before the screen shows what Orchard saved (default 20 s). */
  liveTimeoutMs?: number;
}

export interface ReportService {
  list(appId: string, live: boolean): Promise<ReportsView>;
  setSelection(appId: string, names: string[] | null): Promise<ReportsView>;
}

export function classifyContext(log: RequestLog, appId: string, now: Date): ClassifyContext {
  return { today: now, deletedRequests: new Set(log.entries(appId).filter((e) => e.deletedAt !== undefined).map((e) => e.requestId)) };
}

export function createReportService(deps: ReportServiceDeps): ReportService {
  /** Lists requests and their reports from Apple and stores them (statuses are kept). */
  const refresh = async (appId: string, signal: AbortSignal) => {
    const { client } = await deps.session.clientFor();
    const requests = await withDeadline(signal, (s) => client.listReportRequests(appId, { signal: s }));
    await deps.metadata.upsertRequests(requests.map((r) => ({ requestId: r.id, appId, accessType: r.accessType, stoppedDueToInactivity: r.stoppedDueToInactivity })));
    deps.log.observe(appId, requests);
    for (const request of requests) {
      const reports = await withDeadline(signal, (s) => client.listReports(request.id, { signal: s }));
      await deps.metadata.upsertReports(reports.map((r) => ({ reportId: r.id, requestId: request.id, appId, accessType: request.accessType, name: r.name, category: r.category })));
    }
  };

  const read = async (appId: string, source: ReportsView['source'], liveError?: OrchardError): Promise<ReportsView> => {
    const ctx = classifyContext(deps.log, appId, deps.now());
    const [reportRows, instanceRows] = await Promise.all([
      deps.rows(`SELECT report_id, request_id, access_type, name, category, status, reason FROM orchard.reports WHERE app_id = ${sqlString(appId)}`),
      deps.rows(instanceRowsSql(appId)),
    ]);
    const reports = reportRows
      .map((r): ReportRow => {
        const status = str(r.status);
        const reason = str(r.reason);
        return {
          reportId: String(r.report_id),
          requestId: String(r.request_id),
          accessType: String(r.access_type) as AccessType,
          name: String(r.name),
          category: String(r.category ?? ''),
          ...(status ? { status } : {}),
          ...(reason ? { reason } : {}),
        };
      })
      .filter((r) => !ctx.deletedRequests.has(r.requestId));
    const selection = deps.prefs.selection(appId);
    return {
      appId,
      reports: buildReportViews(reports, instanceRows.map(toInstanceRow), selection, ctx),
      customSelection: selection !== undefined,
      source,
      ...(liveError ? { liveError: liveError.toPayload() } : {}),
      noRequests: reports.length === 0 && deps.log.entries(appId).every((e) => e.deletedAt !== undefined),
    };
  };

  return {
    async list(appId, live) {
      if (!live) return read(appId, 'cache');
      try {
        await refresh(appId, AbortSignal.timeout(deps.liveTimeoutMs ?? 2 * LIVE_TIMEOUT_MS));
      } catch (error) {
        if (!(error instanceof OrchardError)) throw error;
        return read(appId, 'cache', error);
      }
      return read(appId, 'apple');
    },
    async setSelection(appId, names) {
      deps.prefs.setSelection(appId, names);
      return read(appId, 'cache');
    },
  };
}
