// The listing phase: the reports of each request (all pages, limit 200), then the instances of
// each selected report, minus those already ingested. One listing call per report and
// granularity filter; nothing is downloaded here.
import type { Granularity, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';
import type { AnalyticsApi } from '../asc/analytics';
import { inventoryStatuses, listInventory } from './reportInventory';
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
  const { store } = input;
  const inventory = await listInventory({
    api: input.api,
    requests: input.requests,
    reportNames: input.reportNames,
    granularities: input.granularities,
    signal: input.signal,
    onReports: (request, all) => store.saveReports(input.appId, request, all),
    onReportListed: input.onReportListed,
  });
  const refs: InstanceRef[] = inventory.items.flatMap(({ request, report, instances }) =>
    instances.map((instance) => ({ appId: input.appId, reportId: report.id, reportName: report.name, category: report.category, accessType: request.accessType, instance })),
  );
  await store.saveInstances(refs);
  const ingested = await store.ingestedInstanceIds(refs.map((r) => r.instance.id));
  const statuses = inventoryStatuses(inventory, input.today);
  await store.saveReportStatuses(input.appId, statuses);
  // Oldest first, so an interrupted sync has loaded a contiguous history.
  const pending = refs
    .filter((r) => !ingested.has(r.instance.id))
    .sort((a, b) => a.instance.processingDate.localeCompare(b.instance.processingDate) || a.instance.id.localeCompare(b.instance.id));
  return { pending, alreadyIngested: ingested.size, reportCount: inventory.reportCount, statuses, notes: inventory.notes };
}
