// The main window with a fake BrowserWindow: hardened web preferences, the app:// start page,
// shown on ready-to-show, bounds restored from settings and saved on close.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({
  created: [] as { options: Record<string, unknown>; window: unknown }[],
  workArea: { x: 0, y: 0, width: 1920, height: 1080 },
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeBrowserWindow extends Emitter {
    loaded: string[] = [];
    shown = false;
    maximizedNow = false;
    normalBounds = { x: 0, y: 0, width: 0, height: 0 };
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.normalBounds = { x: options.x as number, y: options.y as number, width: options.width as number, height: options.height as number };
      fakes.created.push({ options, window: this });
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    maximize() {
      this.maximizedNow = true;
    }
    isMaximized() {
      return this.maximizedNow;
    }
    getNormalBounds() {
      return this.normalBounds;
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: fakes.workArea }], getPrimaryDisplay: () => ({ workArea: fakes.workArea }) },
  };
});

import { createMainWindow, WINDOW_BOUNDS_KEY } from '../../../main/app/mainWindow';
import { silentLogger } from '../../../main/logging/logger';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS } from '../../../main/settings/orchardSettings';

type FakeWindow = EventEmitter & { loaded: string[]; shown: boolean; maximizedNow: boolean; normalBounds: Record<string, number> };

function open(saved?: unknown) {
  const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
  if (saved !== undefined) settings.set(WINDOW_BOUNDS_KEY, saved);
  createMainWindow({ preloadPath: '/app/dist/preload.js', settings, logger: silentLogger });
  const { options, window } = fakes.created.at(-1)!;
  return { settings, options, win: window as FakeWindow };
}

describe('createMainWindow', () => {
  it('uses the hardened web preferences and the preload', () => {
    const { options } = open();
    expect(options.webPreferences).toEqual({
      preload: '/app/dist/preload.js',
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
    });
  });

  it('loads the app page hidden and shows it once ready', () => {
    const { options, win } = open();
    expect(options.show).toBe(false);
    expect(win.loaded).toEqual(['app://orchard/index.html']);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('restores saved bounds and maximized state', () => {
    const { options, win } = open({ x: 40, y: 60, width: 1000, height: 700, maximized: true });
    expect(options).toMatchObject({ x: 40, y: 60, width: 1000, height: 700 });
    win.emit('ready-to-show');
    expect(win.maximizedNow).toBe(true);
  });

  it('ignores garbage in the settings file', () => {
    const { options } = open({ x: 'left', width: 1e9 });
    expect(options).toMatchObject({ width: 1280, height: 820 });
  });

  it('saves the normal bounds when the window closes', () => {
    const { settings, win } = open();
    win.normalBounds = { x: 11, y: 22, width: 1111, height: 777 };
    win.maximizedNow = true;
    win.emit('close');
    expect(settings.get(WINDOW_BOUNDS_KEY)).toEqual({ x: 11, y: 22, width: 1111, height: 777, maximized: true });
  });
});
