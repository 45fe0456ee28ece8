// Electron main-process entry (bundled to dist/main.js): one instance, the app:// scheme, the
// hardened window, the IPC binding over the shared services, and an orderly quit that lets
// services.close() stop DuckDB before the process exits. `--lake <folder>` opens a published lake
// read-only instead of the warehouse (File › Open lake… relaunches with it).
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { createLogger, type Logger } from '../logging/logger';
import { createFileSink, stderrSink, teeSinks } from '../logging/fileSink';
import { createServices, type Services } from '../services';
import { lakeDescription, lakePublished, openLake } from '../lake';
import type { DesktopDialogs } from '../platform/desktopDialogs';
import { appMenuTemplate } from './appMenu';
import { registerAppScheme, serveRendererFiles } from './appProtocol';
import { applyDataDirOverride, createElectronPlatform } from './electronPlatform';
import { hardenSession, installWebContentsGuard } from './hardening';
import { bindIpc } from './ipcBinding';
import { createElectronDialogs } from './electronDialogs';
import { createMainWindow } from './mainWindow';
import { openExternal } from './openExternal';
import { attachSyncFeedback } from './syncFeedback';
import { lakeArgument, lakeFolderProblem, lakePlatform, relaunchArgs, showFolderDialog } from './lakeLaunch';

const HELP_URL = 'https://developer.apple.com/documentation/appstoreconnectapi/analytics';

function focusWindow(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

const appWindow = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];

/** Quits, and starts again opening `lakeDir` (or the warehouse when null). */
function relaunch(lakeDir: string | null): void {
  app.relaunch({ args: relaunchArgs(process.argv.slice(1), lakeDir) });
  app.quit();
}

async function openLakeFromMenu(logger: Logger): Promise<void> {
  const dir = await showFolderDialog(dialog, appWindow(), { title: 'Open a lake', buttonLabel: 'Open Lake', create: false });
  if (dir === null) return;
  const problem = await lakeFolderProblem(dir);
  if (problem !== null) {
    dialog.showErrorBox('This folder is not a lake', problem);
    return;
  }
  logger.info('app.open_lake', { dir });
  relaunch(dir);
}

async function start(logger: Logger, demo: boolean, lakeDir: string | undefined): Promise<Services> {
  const appPlatform = createElectronPlatform({ logger, demo });
  const dialogs: DesktopDialogs = {
    ...createElectronDialogs({ dialog, window: appWindow, defaultFolder: () => app.getPath('downloads') }),
    chooseFolder: (request) => showFolderDialog(dialog, appWindow(), request),
  };
  const lake = lakeDir === undefined ? null : await openLake(lakeDir, { logger });
  const platform = lake ? lakePlatform(appPlatform, lake.warehouse.dataDir) : appPlatform;
  const services = await createServices(platform, {
    shell: { revealPath: (target) => shell.showItemInFolder(target) },
    dialogs,
    ...(lake ? { lake: { warehouse: lake.warehouse, description: lakeDescription(lake), published: lakePublished(lake) } } : {}),
  });
  attachSyncFeedback(services.events, { logger, focusWindow: () => focusWindow(BrowserWindow.getAllWindows()[0]) });
  hardenSession(session.defaultSession, logger);
  serveRendererFiles(path.join(__dirname, 'renderer'));
  bindIpc(services, logger);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        isDev: !app.isPackaged,
        openHelp: () => void openExternal(HELP_URL, logger),
        lake: { inLake: lake !== null, open: () => void openLakeFromMenu(logger), close: () => relaunch(null) },
      }),
    ),
  );
  // Window bounds stay the app's own, also in a lake session.
  const openWindow = () => createMainWindow({ preloadPath: path.join(__dirname, 'preload.js'), settings: appPlatform.settings, logger });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  logger.info('app.ready', { version: platform.appVersion, dataDir: platform.dataDir, lake: lake?.lakeDir });
  return lake ? { ...services, close: async () => { await services.close(); await lake.close(); } } : services;
}

/** Holds quit until services are closed (DuckDB interrupted and flushed), then quits for real. */
function closeServicesBeforeQuit(servicesReady: Promise<Services | null>, logger: Logger): void {
  const quit = { requested: false, done: false };
  app.on('before-quit', (event) => {
    if (quit.done) return;
    event.preventDefault();
    if (quit.requested) return;
    quit.requested = true;
    servicesReady
      .then((services) => services?.close())
      .catch((err: unknown) => logger.error('app.close_failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        quit.done = true;
        app.quit();
      });
  });
}

function main(): void {
  applyDataDirOverride();
  const logger = createLogger({ sink: teeSinks(stderrSink, createFileSink(app.getPath('userData'))) });
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  installWebContentsGuard(app, logger);
  app.on('second-instance', () => focusWindow(BrowserWindow.getAllWindows()[0]));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  const demo = process.argv.includes('--demo') || process.env.ORCHARD_DEMO === '1';
  const servicesReady = app
    .whenReady()
    .then(() => start(logger, demo, lakeArgument(process.argv.slice(1))))
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      logger.error('app.start_failed', { error: message });
      // Without a window the user would otherwise see nothing at all (e.g. a locked warehouse).
      dialog.showErrorBox('Orchard could not start', message);
      app.exit(1);
      return null;
    });
  closeServicesBeforeQuit(servicesReady, logger);
}

main();
