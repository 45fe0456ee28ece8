// The app's lifecycle with a fake Electron: scheme registration and the single-instance lock
// before ready, window + IPC + protocol on ready, focus on a second launch, and a quit that waits
// for services.close() (DuckDB) before letting the app exit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  const state = {
    calls: [] as string[],
    gotLock: true,
    resolveReady: (() => {}) as () => void,
    windows: [] as { focused: boolean; restored: boolean; minimized: boolean; url: string; options: Record<string, unknown> }[],
    closeServices: null as null | (() => void),
    servicesClosed: false,
    failServices: false,
  };
  return { state };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const userData = mkdtempSync(`${tmpdir()}/orchard-electron-main-`);
  const { state } = fakes;
  class FakeApp extends EventEmitter {
    isPackaged = false;
    // userData for the log file: a throwaway folder, since the real one is Electron's.
    getPath() {
      return userData;
    }
    whenReady() {
      return new Promise<void>((resolve) => (state.resolveReady = resolve));
    }
    requestSingleInstanceLock() {
      state.calls.push('requestSingleInstanceLock');
      return state.gotLock;
    }
    quit() {
      state.calls.push('quit');
      let prevented = false;
      this.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.calls.push('exited');
    }
    exit(code: number) {
      state.calls.push(`exit:${code}`);
    }
  }
  class FakeWindow extends EventEmitter {
    static getAllWindows = () => state.windows.map((w) => w as unknown);
    record: (typeof state.windows)[number];
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { focused: false, restored: false, minimized: true, url: '', options };
      Object.assign(this.record, {
        isMinimized: () => this.record.minimized,
        restore: () => (this.record.restored = true),
        show: () => {},
        focus: () => (this.record.focused = true),
      });
      state.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const workArea = { x: 0, y: 0, width: 1600, height: 1000 };
  return {
    app: new FakeApp(),
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => void state.calls.push('setApplicationMenu') },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) =>
        void state.calls.push(`registerSchemes:${schemes.map((s) => `${s.scheme}:${Object.keys(s.privileges).filter((k) => s.privileges[k]).join(',')}`).join(';')}`),
      handle: (scheme: string) => void state.calls.push(`handle:${scheme}`),
    },
    session: { defaultSession: { setPermissionRequestHandler: () => void state.calls.push('permissions'), setPermissionCheckHandler: () => {} } },
    ipcMain: { handle: (channel: string) => void state.calls.push(`ipc:${channel}`), removeHandler: () => {} },
    shell: { openExternal: async () => {} },
    dialog: { showErrorBox: (title: string, message: string) => void state.calls.push(`errorBox:${title}: ${message}`) },
  };
});

vi.mock('../../../main/app/electronPlatform', async () => {
  const { createMemorySettingsStore } = await import('../../../main/settings/confSettingsStore');
  const { DEFAULT_SETTINGS } = await import('../../../main/settings/orchardSettings');
  return {
    applyDataDirOverride: () => void fakes.state.calls.push('applyDataDirOverride'),
    createElectronPlatform: () => ({ appVersion: '9.9.9', dataDir: '/data', settings: createMemorySettingsStore(DEFAULT_SETTINGS) }),
  };
});

vi.mock('../../../main/services', async () => {
  const { createEventHub } = await import('../../../main/ipc/eventHub');
  return {
    createServices: async () => {
      if (fakes.state.failServices) throw new Error('The warehouse is locked by another Orchard process.');
      return {
        dispatch: async () => ({ ok: true, value: null }),
        events: createEventHub(),
        close: () =>
          new Promise<void>((resolve) => {
            fakes.state.calls.push('services.close');
            fakes.state.closeServices = () => {
              fakes.state.servicesClosed = true;
              resolve();
            };
          }),
      };
    },
  };
});

vi.mock('../../../main/logging/logger', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../main/logging/logger')>();
  return { ...original, createLogger: () => original.silentLogger };
});

async function launch(opts: { gotLock?: boolean } = {}) {
  fakes.state.gotLock = opts.gotLock ?? true;
  await import('../../../main/app/electronMain');
  const { app } = (await import('electron')) as unknown as { app: import('node:events').EventEmitter & { quit(): void } };
  return app;
}

async function ready(): Promise<void> {
  fakes.state.resolveReady();
  await vi.waitFor(() => expect(fakes.state.calls).toContain('setApplicationMenu'));
}

beforeEach(async () => {
  vi.resetModules();
  // The mocked electron module (and its app) outlives resetModules: drop earlier launches' listeners.
  const { app } = (await import('electron')) as unknown as { app: import('node:events').EventEmitter };
  app.removeAllListeners();
  Object.assign(fakes.state, { calls: [], windows: [], closeServices: null, servicesClosed: false, failServices: false });
});

afterEach(() => vi.resetModules());

describe('electronMain', () => {
  it('moves userData, registers the privileged app:// scheme and takes the lock before ready', async () => {
    await launch();
    expect(fakes.state.calls).toEqual([
      'applyDataDirOverride',
      'registerSchemes:app:standard,secure,supportFetchAPI,corsEnabled,codeCache',
      'requestSingleInstanceLock',
    ]);
  });

  it('on ready serves app://, binds IPC, hardens the session and opens the app page', async () => {
    await launch();
    await ready();
    expect(fakes.state.calls).toEqual(expect.arrayContaining(['permissions', 'handle:app', 'ipc:orchard:invoke', 'setApplicationMenu']));
    expect(fakes.state.windows).toHaveLength(1);
    expect(fakes.state.windows[0]!.url).toBe('app://orchard/index.html');
    expect(fakes.state.windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('quits at once, without a window, when another instance holds the lock', async () => {
    await launch({ gotLock: false });
    expect(fakes.state.calls).toContain('quit');
    fakes.state.resolveReady();
    await Promise.resolve();
    expect(fakes.state.windows).toEqual([]);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const app = await launch();
    await ready();
    app.emit('second-instance');
    expect(fakes.state.windows[0]).toMatchObject({ restored: true, focused: true });
  });

  it('holds the quit until services are closed, then quits for real', async () => {
    const app = await launch();
    await ready();
    app.quit();
    await vi.waitFor(() => expect(fakes.state.calls).toContain('services.close'));
    expect(fakes.state.calls).not.toContain('exited');
    app.quit(); // a second Cmd+Q while closing changes nothing
    expect(fakes.state.calls.filter((c) => c === 'services.close')).toHaveLength(1);
    fakes.state.closeServices!();
    await vi.waitFor(() => expect(fakes.state.calls).toContain('exited'));
    expect(fakes.state.servicesClosed).toBe(true);
  });

  it('tells the user and exits 1 when the services cannot start', async () => {
    fakes.state.failServices = true;
    await launch();
    fakes.state.resolveReady();
    await vi.waitFor(() => expect(fakes.state.calls).toContain('exit:1'));
    expect(fakes.state.calls).toContain('errorBox:Orchard could not start: The warehouse is locked by another Orchard process.');
    expect(fakes.state.windows).toEqual([]);
  });
});
