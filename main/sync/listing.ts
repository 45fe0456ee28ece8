// The listing phase: the reports of each request (all pages, limit 200), then the instances of
// each selected report, minus those already ingested. One listing call per report and
// granularity filter; nothing is downloaded here.
import { OrchardError } from '../../shared/errors';
import type { Granularity, Report, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';
import type { AnalyticsApi } from '../asc/analytics';
import { selectReports } from './reportSelection';
import { reportStatus, type ReportObservation } from './reportStatus';
import type { InstanceRef, SyncStore } from './syncStore';

export interface ListingInput {
  appId: string;
  api: Pick<AnalyticsApi, 'listReports' | 'listInstances'>;
  store: SyncStore;
  requests: ReportRequest[];
  reportNames?: readonly string[];
  granularities?: readonly Granularity[];
  today: Date;
  signal?: AbortSignal;
  onReportListed: (total: number) => void;
}

export interface ListingResult {
  pending: InstanceRef[];
  alreadyIngested: number;
  reportCount: number;
  statuses: ReportStatus[];
  notes: string[];
}

export async function listWork(input: ListingInput): Promise<ListingResult> {
  const { api, store, signal } = input;
  const observations = new Map<string, ReportObservation>();
  const refs: InstanceRef[] = [];
  const notes: string[] = [];
  const perRequest: { request: ReportRequest; reports: Report[] }[] = [];

  for (const request of input.requests) {
    const all = await api.listReports(request.id, { signal });
    await store.saveReports(input.appId, request, all);
    const { selected, unknownNames } = selectReports(all, input.reportNames);
    if (unknownNames.length && request.accessType === 'ONGOING') notes.push(`Apple lists no report named ${unknownNames.map((n) => `“${n}”`).join(', ')}.`);
    perRequest.push({ request, reports: selected });
  }
  const total = perRequest.reduce((n, r) => n + r.reports.length, 0);

  for (const { request, reports } of perRequest) {
    for (const report of reports) {
      const obs = observations.get(report.name) ?? { reportName: report.name, category: report.category, instances: [], requestStopped: false };
      observations.set(report.name, obs);
      if (request.accessType === 'ONGOING' && request.stoppedDueToInactivity) obs.requestStopped = true;
      try {
        const instances = await api.listInstances(report.id, { signal, granularity: input.granularities });
        for (const instance of instances) {
          obs.instances.push({ granularity: instance.granularity, processingDate: instance.processingDate });
          refs.push({ appId: input.appId, reportId: report.id, reportName: report.name, category: report.category, accessType: request.accessType, instance });
        }
      } catch (error) {
        if (error instanceof OrchardError && error.code !== 'CANCELLED' && error.code !== 'AUTH_FAILED') obs.listingError = error.message;
        else throw error;
      }
      input.onReportListed(total);
    }
  }

  await store.saveInstances(refs);
  const ingested = await store.ingestedInstanceIds(refs.map((r) => r.instance.id));
  const anyData = refs.length > 0;
  const statuses = [...observations.values()].map((o) => reportStatus(o, anyData, input.today));
  await store.saveReportStatuses(input.appId, statuses);
  // Oldest first, so an interrupted sync has loaded a contiguous history.
  const pending = refs
    .filter((r) => !ingested.has(r.instance.id))
    .sort((a, b) => a.instance.processingDate.localeCompare(b.instance.processingDate) || a.instance.id.localeCompare(b.instance.id));
  return { pending, alreadyIngested: ingested.size, reportCount: total, statuses, notes };
}
