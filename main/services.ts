// Composition root of the main-process services, shared by the Electron shell, the loopback
// bridge (browser mode) and tests: build every service from a Platform, bind them to handlers.
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/eventHub';
import type { Handlers } from './ipc/handlerTypes';
import { appHandlers } from './ipc/handlers/appHandlers';
import type { Platform } from './platform/platform';
import { createPreferencesService } from './preferences/preferencesService';
import { createKeyService, createMemorySecretStore, type KeyService } from './credentials';
import { createAscSession } from './session/ascSession';
import { dropStoredBaseUrl, resolveAscBaseUrl } from './session/ascBaseUrl';
import { keyHandlers } from './ipc/handlers/keyHandlers';
import { appsHandlers } from './ipc/handlers/appsHandlers';
import { syncHandlers } from './ipc/handlers/syncHandlers';
import { createSyncService } from './sync/syncService';
import { openWarehouseWithHealth } from './sync/warehouseAccess';
import type { OpenWarehouse } from './warehouse/open';
import type { LakePublished } from '../shared/rebuild';
import { createRebuildService } from './sync/rebuildService';
import { createSwappableWarehouse } from './warehouse/swappableWarehouse';
import { warehouseHandlers } from './ipc/handlers/warehouseHandlers';
import { createBrowse } from './browse/browseService';
import type { DesktopShell } from './browse/settingsService';
import { browseHandlers } from './ipc/handlers/browseHandlers';
import { queryHandlers } from './ipc/handlers/queryHandlers';
import { quarantineHandlers } from './ipc/handlers/quarantineHandlers';
import { createWorkbench } from './workbench';
import type { DesktopDialogs } from './platform/desktopDialogs';
import { createConfirmationGate } from './security/confirmationGate';
import { createDownloadTickets, type DownloadTickets } from './security/downloadTickets';
import { confirmHandlers } from './ipc/handlers/confirmHandlers';
import { salesHandlers } from './ipc/handlers/salesHandlers';
import { createSalesService } from './sales/salesService';
import { createSalesSettings } from './sales/salesSettings';
import { createImportService } from './imports';
import { importHandlers } from './ipc/handlers/importHandlers';
import { createHeadlineService } from './insights/headlineService';
import { insightsHandlers } from './ipc/handlers/insightsHandlers';
import { createDashboardService } from './insights/dashboards/service';
import { dashboardHandlers } from './ipc/handlers/dashboardHandlers';
import { createPinService } from './insights/pins/pinService';
import { pinHandlers } from './ipc/handlers/pinHandlers';
import { chooseUpdateFeed, createUpdateService } from './updates';
import { updateHandlers } from './ipc/handlers/updateHandlers';
import { createLakeService } from './lake/lakeService';
import { createLakeSettings } from './lake/lakeSettings';
import { lakeFolderSource } from './lake/lakeFolderSource';
import { lakeHandlers } from './ipc/handlers/lakeHandlers';

export interface Services {
  dispatch: Dispatch;
  events: EventHub;
  /** One-time download URLs for finished exports; the loopback bridge serves them (browser mode). */
  downloads: DownloadTickets;
  close(): Promise<void>;
}

/** What only a desktop host offers (the Electron app passes it; browser mode and tests do not). */
export interface HostExtras {
  shell?: DesktopShell;
  /** Native save, folder and confirmation dialogs main opens itself (exports, the lake folder, destructive actions). */
  dialogs?: DesktopDialogs;
  /** A published Parquet lake to browse instead of the data folder's warehouse (`npm run web -- --lake`): read-only, never synced. */
  lake?: { warehouse: OpenWarehouse; description: string; published?: LakePublished };
}

export async function createServices(platform: Platform, host: HostExtras = {}): Promise<Services> {
  const events = createEventHub();
  // Checked once at start: an unsafe ORCHARD_ASC_BASE_URL stops Orchard before any token is signed.
  const ascBaseUrl = resolveAscBaseUrl(platform.env);
  dropStoredBaseUrl(platform.settings);
  const preferences = createPreferencesService(platform.settings, (prefs) => events.emit('prefs:changed', prefs));
  const session = createAscSession({
    keys: () => keys,
    now: platform.now,
    fetch: platform.fetch,
    baseUrl: () => ascBaseUrl,
    logger: platform.logger,
  });
  const keys: KeyService = createKeyService({
    settings: platform.settings,
    secretStore: platform.secretStore,
    sessionStore: createMemorySecretStore(),
    testConnection: (creds) => session.testConnection(creds),
    clock: platform.now,
    logger: platform.logger,
  });
  // A damaged file is kept aside and an empty warehouse opened, so the app starts and offers a rebuild.
  const opened = host.lake
    ? { warehouse: host.lake.warehouse, health: { state: 'readOnly' as const, message: host.lake.description, cachedInstances: 0, lake: host.lake.published ? { published: host.lake.published } : {} } }
    : await openWarehouseWithHealth({ dataDir: platform.dataDir, now: platform.now, logger: platform.logger, damaged: 'set-aside' });
  // Swappable: a rebuild builds a new file beside it and swaps it in under every service.
  const warehouse = createSwappableWarehouse(opened.warehouse);
  const sync = createSyncService({
    warehouse,
    session,
    keys,
    dataDir: platform.dataDir,
    now: platform.now,
    logger: platform.logger,
    onProgress: (p) => events.emit('sync:progress', p),
    onFinished: (summary) => {
      events.emit('sync:finished', summary);
      // A publish failure is recorded on the lake's own status: the sync stays what it was.
      if (summary.outcome === 'succeeded') lake.afterSync();
    },
    // The sync's own preferences (in browse) own the snapshot ledger; called only once syncs run.
    snapshotRequested: (appId) => browse.prefs.snapshotQuota(appId).lastRequestedAt !== undefined,
    markSnapshotRequested: (appId) => browse.prefs.markSnapshotRequested(appId),
  });
  const browse = createBrowse({
    warehouse,
    session,
    keys,
    settings: platform.settings,
    sync,
    dataDir: platform.dataDir,
    env: platform.env,
    now: platform.now,
    logger: platform.logger,
    ...(host.shell ? { shell: host.shell } : {}),
  });
  const downloads = createDownloadTickets(platform.now);
  const gate = createConfirmationGate({ now: platform.now, ...(host.dialogs ? { dialogs: host.dialogs } : {}) });
  const workbench = createWorkbench({
    warehouse,
    onExportProgress: (p) => events.emit('query:exportProgress', p),
    logger: platform.logger,
    now: platform.now,
    ...(host.dialogs ? { dialogs: host.dialogs } : { downloads }),
  });
  const sales = createSalesService({
    warehouse,
    session,
    keys,
    settings: createSalesSettings(platform.settings),
    // The resolved folder: DuckDB compares real paths when it checks what it may read.
    dataDir: warehouse.dataDir,
    now: platform.now,
    logger: platform.logger,
    onProgress: (p) => events.emit('sales:progress', p),
    onFinished: (summary) => {
      events.emit('sales:finished', summary);
      // Sales tables are part of the lake too: a successful sales sync publishes like an analytics one.
      if (summary.outcome === 'succeeded') lake.afterSync();
    },
  });
  const rebuild = createRebuildService({
    warehouse,
    dataDir: platform.dataDir,
    health: opened.health,
    syncing: () => sync.running().length > 0,
    onProgress: (p) => events.emit('warehouse:rebuildProgress', p),
    logger: platform.logger,
    now: platform.now,
  });
  const imports = createImportService({ warehouse, logger: platform.logger });
  const lake = createLakeService({
    warehouse,
    settings: createLakeSettings(platform.settings),
    chooser: lakeFolderSource(host.dialogs, platform.env),
    ...(host.lake ? { unavailable: host.lake.description } : {}),
    now: platform.now,
    logger: platform.logger,
    onProgress: (p) => events.emit('lake:progress', p),
    onFinished: (f) => events.emit('lake:finished', f),
  });
  const handlers: Handlers = {
    ...appHandlers(platform, preferences),
    ...keyHandlers(keys, session, gate),
    ...appsHandlers(keys, session, platform.settings, platform.now, { metadata: warehouse.metadata, lake: host.lake !== undefined, logger: platform.logger }),
    ...syncHandlers(sync, { resolveStart: (input) => browse.prefs.resolveStart(input), reportStatuses: (appId) => browse.reportStatuses(appId) }),
    ...browseHandlers(browse, gate),
    ...queryHandlers(workbench, gate),
    ...confirmHandlers(gate),
    ...salesHandlers(sales),
    ...warehouseHandlers(rebuild, gate),
    ...quarantineHandlers(platform.dataDir, gate),
    ...importHandlers(imports, gate),
    ...insightsHandlers(createHeadlineService({ metadata: warehouse.metadata }), platform.now),
    ...dashboardHandlers(createDashboardService({ reader: warehouse.insights })),
    ...pinHandlers(createPinService({ dataDir: warehouse.dataDir, query: warehouse.query, logger: platform.logger, now: platform.now })),
    ...lakeHandlers(lake),
    ...updateHandlers(
      createUpdateService({ feed: chooseUpdateFeed(platform.env, platform.mode), currentVersion: platform.appVersion, fetch: platform.fetch, now: platform.now, logger: platform.logger }),
    ),
  };
  // An opened lake is never synced (its data comes from whoever publishes it): stopped, a settings change cannot arm it either.
  if (host.lake) browse.scheduler.stop();
  else browse.scheduler.start();
  return {
    dispatch: createDispatcher(handlers, platform.logger),
    events,
    downloads,
    async close() {
      browse.scheduler.stop();
      rebuild.close();
      await sync.close();
      await lake.close();
      await sales.close();
      await workbench.close();
      await imports.close();
      await warehouse.close();
    },
  };
}
