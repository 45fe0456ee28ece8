// The Electron transport with a fake ipcMain and fake windows: the sender check guards dispatch,
// and service events reach every live app window (and only those).
import { afterEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => {
  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const handlers = new Map<string, Handler>();
  const windows: unknown[] = [];
  return {
    handlers,
    windows,
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    BrowserWindow: { getAllWindows: () => windows },
  };
});
vi.mock('electron', () => ({ ipcMain: fakes.ipcMain, BrowserWindow: fakes.BrowserWindow }));

import { bindIpc } from '../../../main/app/ipcBinding';
import { createEventHub } from '../../../main/ipc/eventHub';
import type { Dispatch } from '../../../main/ipc/dispatch';
import type { Logger } from '../../../main/logging/logger';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../shared/ipc/bridge';

function setup() {
  const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, value: { name: 'Orchard' } }));
  const events = createEventHub();
  const warnings: { event: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (event, fields) => void warnings.push({ event, fields }) };
  const unbind = bindIpc({ dispatch, events }, logger);
  const invoke = (frameUrl: string | null, command: unknown, payload: unknown) =>
    fakes.handlers.get(IPC_INVOKE_CHANNEL)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, command, payload);
  return { dispatch, events, warnings, unbind, invoke };
}

function fakeWindow(url: string, opts: { destroyed?: boolean } = {}) {
  const sent: unknown[][] = [];
  return {
    sent,
    isDestroyed: () => opts.destroyed ?? false,
    webContents: { isDestroyed: () => false, getURL: () => url, send: (...args: unknown[]) => void sent.push(args) },
  };
}

afterEach(() => {
  fakes.handlers.clear();
  fakes.windows.length = 0;
});

describe('bindIpc', () => {
  it('passes calls from the app page to dispatch with the electron transport', async () => {
    const { dispatch, invoke } = setup();
    const reply = await invoke('app://orchard/index.html', 'app:info', {});
    expect(reply).toEqual({ ok: true, value: { name: 'Orchard' } });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('app:info', {}, { transport: 'electron' });
  });

  it.each(['https://evil.example/', 'file:///tmp/page.html', 'app://evil/index.html', 'about:blank'])(
    'refuses a sender showing %s without calling dispatch, and logs it',
    async (url) => {
      const { dispatch, invoke, warnings } = setup();
      const reply = await invoke(url, 'prefs:update', { theme: 'dark' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(dispatch).not.toHaveBeenCalled();
      expect(warnings).toEqual([{ event: 'ipc.untrusted_sender', fields: { url, command: 'prefs:update' } }]);
    },
  );

  it('refuses a call whose frame is gone', async () => {
    const { dispatch, invoke } = setup();
    await expect(invoke(null, 'app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('sends service events to live app windows only', () => {
    const { events } = setup();
    const app = fakeWindow('app://orchard/index.html');
    const foreign = fakeWindow('https://evil.example/');
    const closed = fakeWindow('app://orchard/index.html', { destroyed: true });
    fakes.windows.push(app, foreign, closed);
    events.emit('prefs:changed', { theme: 'dark' });
    expect(app.sent).toEqual([[IPC_EVENT_CHANNEL, 'prefs:changed', { theme: 'dark' }]]);
    expect(foreign.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('unbinding removes the handler and stops events', () => {
    const { events, unbind } = setup();
    const app = fakeWindow('app://orchard/index.html');
    fakes.windows.push(app);
    unbind();
    events.emit('prefs:changed', { theme: 'light' });
    expect(fakes.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(app.sent).toEqual([]);
  });
});
