// The main window: hardened web preferences, bounds restored from settings (and saved on close),
// shown only once the first paint is ready so there is no white flash.
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import type { Logger } from '../logging/logger';
import type { OrchardSettings } from '../settings/orchardSettings';
import type { SettingsStore } from '../settings/settingsStore';
import { APP_START_URL } from './appOrigin';
import { MIN_WINDOW_SIZE, restoreWindowState } from './windowBounds';

export const WINDOW_BOUNDS_KEY = 'windowBounds';

/** Page code gets no Node, no Electron, its own JS world and Chromium's sandbox. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  settings: SettingsStore<OrchardSettings>;
  logger: Logger;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const state = restoreWindowState(
    opts.settings.get(WINDOW_BOUNDS_KEY),
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Orchard',
    show: false,
    webPreferences: hardenedWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    opts.settings.set(WINDOW_BOUNDS_KEY, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  win.loadURL(APP_START_URL).catch((err: unknown) => {
    opts.logger.error('window.load_failed', { error: err instanceof Error ? err.message : String(err) });
  });
  return win;
}
