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
import { resolveAscBaseUrl } from './session/ascBaseUrl';
import { keyHandlers } from './ipc/handlers/keyHandlers';
import { appsHandlers } from './ipc/handlers/appsHandlers';
import { syncHandlers } from './ipc/handlers/syncHandlers';
import { createSyncService } from './sync/syncService';
import { openWarehouse } from './warehouse';
import { createBrowse } from './browse/browseService';
import type { DesktopShell } from './browse/settingsService';
import { browseHandlers } from './ipc/handlers/browseHandlers';
import { queryHandlers } from './ipc/handlers/queryHandlers';
import { createWorkbench } from './workbench';
import { createHeadlineService } from './insights/headlineService';
import { insightsHandlers } from './ipc/handlers/insightsHandlers';

export interface Services {
  dispatch: Dispatch;
  events: EventHub;
  close(): Promise<void>;
}

/** What only a desktop host offers (the Electron app passes it; browser mode and tests do not). */
export interface HostExtras {
  shell?: DesktopShell;
}

export async function createServices(platform: Platform, host: HostExtras = {}): Promise<Services> {
  const events = createEventHub();
  const preferences = createPreferencesService(platform.settings, (prefs) => events.emit('prefs:changed', prefs));
  const session = createAscSession({
    keys: () => keys,
    now: platform.now,
    fetch: platform.fetch,
    baseUrl: () => resolveAscBaseUrl(platform.env, platform.settings.get('ascBaseUrl')),
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
  const warehouse = await openWarehouse({ dataDir: platform.dataDir, now: platform.now, logger: platform.logger });
  const sync = createSyncService({
    warehouse,
    session,
    keys,
    dataDir: platform.dataDir,
    now: platform.now,
    logger: platform.logger,
    onProgress: (p) => events.emit('sync:progress', p),
    onFinished: (summary) => events.emit('sync:finished', summary),
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
  const workbench = createWorkbench({ warehouse, onExportProgress: (p) => events.emit('query:exportProgress', p), logger: platform.logger, now: platform.now });
  const handlers: Handlers = {
    ...appHandlers(platform, preferences),
    ...keyHandlers(keys, session),
    ...appsHandlers(keys, session, platform.settings, platform.now),
    ...syncHandlers(sync, { resolveStart: (input) => browse.prefs.resolveStart(input), reportStatuses: (appId) => browse.reportStatuses(appId) }),
    ...browseHandlers(browse),
    ...queryHandlers(workbench),
    ...insightsHandlers(createHeadlineService({ metadata: warehouse.metadata }), platform.now),
  };
  browse.scheduler.start();
  return {
    dispatch: createDispatcher(handlers, platform.logger),
    events,
    async close() {
      browse.scheduler.stop();
      await sync.close();
      await workbench.close();
      await warehouse.close();
    },
  };
}
