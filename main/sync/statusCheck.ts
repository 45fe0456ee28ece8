// Read-only status of an app's requests and reports (for `orchard status` and the UI): lists
// requests, reports and instances without creating, deleting or downloading anything.
import type { Granularity, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';
import type { AnalyticsApi } from '../asc/analytics';
import { selectReports } from './reportSelection';
import { reportStatus, type ReportObservation } from './reportStatus';

export interface StatusCheck {
  requests: ReportRequest[];
  reports: ReportStatus[];
}

export async function checkStatus(input: {
  api: Pick<AnalyticsApi, 'listReportRequests' | 'listReports' | 'listInstances'>;
  appId: string;
  reportNames?: readonly string[];
  granularities?: readonly Granularity[];
  today: Date;
  signal?: AbortSignal;
}): Promise<StatusCheck> {
  const { api, signal } = input;
  const requests = await api.listReportRequests(input.appId, { signal });
  const observations = new Map<string, ReportObservation>();
  let anyData = false;
  for (const request of requests) {
    const { selected } = selectReports(await api.listReports(request.id, { signal }), input.reportNames);
    for (const report of selected) {
      const obs = observations.get(report.name) ?? { reportName: report.name, category: report.category, instances: [], requestStopped: false };
      observations.set(report.name, obs);
      if (request.accessType === 'ONGOING' && request.stoppedDueToInactivity) obs.requestStopped = true;
      const instances = await api.listInstances(report.id, { signal, granularity: input.granularities });
      anyData ||= instances.length > 0;
      obs.instances.push(...instances.map((i) => ({ granularity: i.granularity, processingDate: i.processingDate })));
    }
  }
  return {
    requests,
    reports: [...observations.values()].map((o) => reportStatus(o, anyData, input.today)).sort((a, b) => a.reportName.localeCompare(b.reportName)),
  };
}
