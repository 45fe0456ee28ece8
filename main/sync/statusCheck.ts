// Read-only status of an app's requests and reports (for `orchard status` and the UI): lists
// requests, reports and instances without creating, deleting or downloading anything.
import type { Granularity, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';
import type { AnalyticsApi } from '../asc/analytics';
import { inventoryStatuses, listInventory } from './reportInventory';

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
  const requests = await input.api.listReportRequests(input.appId, { signal: input.signal });
  const inventory = await listInventory({ ...input, requests });
  return { requests, reports: inventoryStatuses(inventory, input.today).sort((a, b) => a.reportName.localeCompare(b.reportName)) };
}
