// Lists what Apple has for an app's requests: the reports of each request (all pages), then the
// instances of the selected ones, with one observation per report name for its status. Shared by
// the sync's listing phase and the read-only status check; it saves and downloads nothing.
import { OrchardError } from '../../shared/errors';
import type { Granularity, Report, ReportInstance, ReportRequest } from '../../shared/ascTypes';
import type { ReportStatus } from '../../shared/sync';
import type { AnalyticsApi } from '../asc/analytics';
import { defaultGranularities, selectReports } from './reportSelection';
import { reportStatus, type ReportObservation } from './reportStatus';

export interface InventoryItem {
  request: ReportRequest;
  report: Report;
  instances: ReportInstance[];
}

export interface Inventory {
  items: InventoryItem[];
  observations: ReportObservation[];
  reportCount: number;
  notes: string[];
}

export interface InventoryInput {
  api: Pick<AnalyticsApi, 'listReports' | 'listInstances'>;
  requests: ReportRequest[];
  reportNames?: readonly string[];
  granularities?: readonly Granularity[];
  signal?: AbortSignal;
  /** Sees every report of a request before selection (the sync records them all). */
  onReports?: (request: ReportRequest, all: Report[]) => Promise<void>;
  onReportListed?: (total: number) => void;
}

export async function listInventory(input: InventoryInput): Promise<Inventory> {
  const { api, signal } = input;
  const notes: string[] = [];
  const perRequest: { request: ReportRequest; reports: Report[] }[] = [];
  for (const request of input.requests) {
    const all = await api.listReports(request.id, { signal });
    await input.onReports?.(request, all);
    const { selected, unknownNames } = selectReports(all, input.reportNames);
    if (unknownNames.length && request.accessType === 'ONGOING') notes.push(`Apple lists no report named ${unknownNames.map((n) => `“${n}”`).join(', ')}.`);
    perRequest.push({ request, reports: selected });
  }
  const reportCount = perRequest.reduce((n, r) => n + r.reports.length, 0);

  const observations = new Map<string, ReportObservation>();
  const items: InventoryItem[] = [];
  for (const { request, reports } of perRequest) {
    for (const report of reports) {
      const obs = observations.get(report.name) ?? { reportName: report.name, category: report.category, instances: [], requestStopped: false };
      observations.set(report.name, obs);
      if (request.accessType === 'ONGOING' && request.stoppedDueToInactivity) obs.requestStopped = true;
      try {
        // The default set lists a Detailed report it keeps only where its Standard twin has no data.
        const granularity = input.reportNames?.length ? input.granularities : defaultGranularities(report, input.granularities);
        const instances = granularity?.length === 0 ? [] : await api.listInstances(report.id, { signal, granularity });
        obs.instances.push(...instances.map((i) => ({ granularity: i.granularity, processingDate: i.processingDate })));
        items.push({ request, report, instances });
      } catch (error) {
        // One report failing to list is shown on that report; cancel and a rejected key stop all.
        if (error instanceof OrchardError && error.code !== 'CANCELLED' && error.code !== 'AUTH_FAILED') obs.listingError = error.message;
        else throw error;
      }
      input.onReportListed?.(reportCount);
    }
  }
  return { items, observations: [...observations.values()], reportCount, notes };
}

/** Statuses of an inventory: "requested" until Apple produced anything for the app at all. */
export function inventoryStatuses(inventory: Inventory, today: Date): ReportStatus[] {
  const anyData = inventory.items.some((i) => i.instances.length > 0);
  return inventory.observations.map((o) => reportStatus(o, anyData, today));
}
