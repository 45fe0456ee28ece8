// Electron main-process entry (bundled to dist/main.js): one instance, the app:// scheme, the
// hardened window, the IPC binding over the shared services, and an orderly quit that lets
// services.close() stop DuckDB before the process exits.
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { createLogger, type Logger } from '../logging/logger';
import { createFileSink, stderrSink, teeSinks } from '../logging/fileSink';
import { createServices, type Services } from '../services';
import { appMenuTemplate } from './appMenu';
import { registerAppScheme, serveRendererFiles } from './appProtocol';
import { applyDataDirOverride, createElectronPlatform } from './electronPlatform';
import { hardenSession, installWebContentsGuard } from './hardening';
import { bindIpc } from './ipcBinding';
import { createElectronDialogs } from './electronDialogs';
import { createMainWindow } from './mainWindow';
import { openExternal } from './openExternal';
import { attachSyncFeedback } from './syncFeedback';

const HELP_URL = 'https://developer.apple.com/documentation/appstoreconnectapi/analytics';

function focusWindow(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(logger: Logger, demo: boolean): Promise<Services> {
  const platform = createElectronPlatform({ logger, demo });
  const dialogs = createElectronDialogs({
    dialog,
    window: () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0],
    defaultFolder: () => app.getPath('downloads'),
  });
  const services = await createServices(platform, { shell: { revealPath: (target) => shell.showItemInFolder(target) }, dialogs });
  attachSyncFeedback(services.events, { logger, focusWindow: () => focusWindow(BrowserWindow.getAllWindows()[0]) });
  hardenSession(session.defaultSession, logger);
  serveRendererFiles(path.join(__dirname, 'renderer'));
  bindIpc(services, logger);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({ platform: process.platform, isDev: !app.isPackaged, openHelp: () => void openExternal(HELP_URL, logger) }),
    ),
  );
  const openWindow = () => createMainWindow({ preloadPath: path.join(__dirname, 'preload.js'), settings: platform.settings, logger });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  logger.info('app.ready', { version: platform.appVersion, dataDir: platform.dataDir });
  return services;
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
    .then(() => start(logger, demo))
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
