// One app at a glance: last and next sync, what Apple has generated (requests, live when Apple
// answers), what Orchard downloaded (per category, newest data loaded) and what to do next.
import type { AppOverview, LastSync } from '../../shared/browse';
import type { AscSession } from '../session/ascSession';
import { summaryFromRun } from '../sync/warehouseSyncStore';
import type { MetadataStore } from '../warehouse';
import { sqlString } from '../warehouse/sql';
import { newestDates } from './freshness';
import { categoryCards, overviewNotices } from './overviewModel';
import type { ReportService } from './reportService';
import type { RequestService } from './requestService';
import { str, type ReadRows } from './warehouseRows';

export interface OverviewDeps {
  requests: RequestService;
  reports: ReportService;
  session: Pick<AscSession, 'clientFor'>;
  metadata: Pick<MetadataStore, 'listSyncRuns' | 'upsertApps'>;
  rows: ReadRows;
  isRunning: (appId: string) => boolean;
  nextSyncAt: () => Date | undefined;
}

export function createOverviewService(deps: OverviewDeps) {
  /** Apple's name for the app, asked once and then kept in orchard.apps. */
  const appName = async (appId: string, online: boolean): Promise<string | undefined> => {
    const stored = str((await deps.rows(`SELECT name FROM orchard.apps WHERE app_id = ${sqlString(appId)}`))[0]?.name);
    if (stored !== undefined || !online) return stored;
    try {
      const { client } = await deps.session.clientFor();
      const apps = await client.listApps();
      await deps.metadata.upsertApps(apps.map((a) => ({ appId: a.id, name: a.name, bundleId: a.bundleId, sku: a.sku })));
      return apps.find((a) => a.id === appId)?.name;
    } catch {
      return undefined;
    }
  };

  return {
    async overview(appId: string): Promise<AppOverview> {
      const requests = await deps.requests.list(appId, true);
      const [reports, newest, runs, name] = await Promise.all([
        deps.reports.list(appId, false),
        newestDates(deps.rows, appId),
        deps.metadata.listSyncRuns({ appId, limit: 1 }),
        appName(appId, requests.source === 'apple'),
      ]);
      const running = deps.isRunning(appId);
      const last = runs[0] === undefined ? undefined : summaryFromRun(runs[0]);
      const lastSync: LastSync | undefined = last && (last.outcome !== 'interrupted' || !running)
        ? { runId: last.runId, outcome: last.outcome, startedAt: last.startedAt, endedAt: last.endedAt, instancesIngested: last.instancesIngested, rowsLoaded: last.rowsLoaded, problems: last.issues.length }
        : undefined;
      const next = deps.nextSyncAt();
      return {
        appId,
        ...(name ? { appName: name } : {}),
        ...(lastSync ? { lastSync } : {}),
        running,
        ...(next ? { nextSyncAt: next.toISOString() } : {}),
        requests: requests.requests,
        role: requests.role,
        snapshot: requests.snapshot,
        notices: overviewNotices(requests, reports.reports, running),
        categories: categoryCards(reports.reports, newest),
        source: requests.source,
      };
    },
  };
}

export type OverviewService = ReturnType<typeof createOverviewService>;
