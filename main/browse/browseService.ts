// Composes the browse read models, the request actions, the sync preferences and the automatic
// sync scheduler over the services main already has (warehouse, API session, keys, sync).
import type { ReportStatus } from '../../shared/sync';
import type { KeyService } from '../credentials';
import type { Logger } from '../logging/logger';
import { createSyncScheduler, type SyncScheduler, type Timers } from '../schedule/syncScheduler';
import type { AscSession } from '../session/ascSession';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';
import { checkStatus } from '../sync/statusCheck';
import type { SyncService } from '../sync/syncService';
import type { Warehouse } from '../warehouse';
import { createInstanceService, type InstanceService } from './instanceService';
import { createOverviewService, type OverviewService } from './overviewService';
import { createReportService, type ReportService } from './reportService';
import { createRequestLog } from './requestLog';
import { createRequestService, type RequestService } from './requestService';
import { createSettingsService, type DesktopShell, type SettingsService } from './settingsService';
import { createSyncPreferences, type SyncPreferences } from './syncPreferences';
import type { ReadRows } from './warehouseRows';

export interface BrowseDeps {
  warehouse: Pick<Warehouse, 'metadata'>;
  session: Pick<AscSession, 'clientFor'>;
  keys: Pick<KeyService, 'list' | 'recordRoleHint'>;
  settings: SettingsStore<OrchardSettings>;
  sync: Pick<SyncService, 'start' | 'running'>;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  logger: Logger;
  shell?: DesktopShell;
  timers?: Timers;
}

export interface Browse {
  requests: RequestService;
  reports: ReportService;
  instances: InstanceService;
  overview: OverviewService;
  settings: SettingsService;
  prefs: SyncPreferences;
  scheduler: SyncScheduler;
  /** Live, read-only status of the app's selected reports (lists, never downloads). */
  reportStatuses(appId: string): Promise<ReportStatus[]>;
}

export function createBrowse(deps: BrowseDeps): Browse {
  const rows: ReadRows = (sql) => deps.warehouse.metadata.read(sql);
  const { metadata } = deps.warehouse;
  const log = createRequestLog(deps.settings, deps.now);
  const prefs = createSyncPreferences(deps.settings, deps.now);
  const requests = createRequestService({ session: deps.session, keys: deps.keys, metadata, rows, log, prefs, now: deps.now });
  const reports = createReportService({ session: deps.session, metadata, rows, log, prefs, now: deps.now });
  const instances = createInstanceService({ metadata, rows, log, now: deps.now });

  /** Apps with live requests, plus apps synced outside the UI (CLI) that the log never saw. */
  const appsToSync = async () => {
    const known = new Set(log.knownApps());
    const stored = await rows('SELECT DISTINCT app_id FROM orchard.requests WHERE app_id IS NOT NULL');
    return [...new Set([...log.appsWithRequests(), ...stored.map((r) => String(r.app_id)).filter((id) => !known.has(id))])];
  };
  const scheduler = createSyncScheduler({
    now: deps.now,
    settings: () => prefs.get().autoSync,
    apps: appsToSync,
    runSync: async (appId) => (await deps.sync.start(prefs.resolveStart({ appId }))).done,
    logger: deps.logger,
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
  const overview = createOverviewService({
    requests,
    reports,
    session: deps.session,
    metadata,
    rows,
    isRunning: (appId) => deps.sync.running().some((j) => j.appId === appId),
    nextSyncAt: () => scheduler.nextRunAt(),
  });
  const settings = createSettingsService({
    dataDir: deps.dataDir,
    settings: deps.settings,
    env: deps.env,
    prefs,
    ...(deps.shell ? { shell: deps.shell } : {}),
    onChanged: () => scheduler.reschedule(),
  });
  return {
    requests,
    reports,
    instances,
    overview,
    settings,
    prefs,
    scheduler,
    async reportStatuses(appId) {
      const { client } = await deps.session.clientFor();
      const options = prefs.optionsFor(appId);
      const status = await checkStatus({ api: client, appId, reportNames: options.reportNames, granularities: options.granularities, today: deps.now() });
      return status.reports;
    },
  };
}
