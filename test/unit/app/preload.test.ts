// The preload with fake contextBridge/ipcRenderer: exactly `window.orchard = { invoke, on }`,
// names checked against the contract, Electron's event object never reaching page code.
import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), invoke: vi.fn() }));
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const emitter = new EventEmitter();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fakes.exposed.set(key, api) },
    ipcRenderer: {
      invoke: fakes.invoke,
      on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => emitter.removeListener(channel, listener),
      emitter,
    },
  };
});

import type { OrchardBridge } from '../../../shared/ipc/bridge';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../shared/ipc/bridge';
import { COMMAND_NAMES } from '../../../shared/ipc/contract';

let bridge: OrchardBridge;
let emitter: EventEmitter;
const electronEvent = { sender: { secret: 'the ipcRenderer object' }, ports: [] };

beforeAll(async () => {
  const electron = (await import('electron')) as unknown as { ipcRenderer: { emitter: EventEmitter } };
  emitter = electron.ipcRenderer.emitter;
  await import('../../../main/app/preload');
  bridge = fakes.exposed.get('orchard') as OrchardBridge;
});

describe('preload', () => {
  it('exposes only window.orchard with exactly invoke and on', () => {
    expect([...fakes.exposed.keys()]).toEqual(['orchard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract commands on the invoke channel and returns the envelope', async () => {
    fakes.invoke.mockResolvedValueOnce({ ok: true, value: { theme: 'dark' } });
    const command = COMMAND_NAMES[0]!;
    await expect(bridge.invoke(command, {})).resolves.toEqual({ ok: true, value: { theme: 'dark' } });
    expect(fakes.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_CHANNEL, command, {});
  });

  it.each(['electron-store-get-data', 'orchard:invoke', '__proto__', 'constructor', 'hasOwnProperty', ''])(
    'refuses the unknown command %j without touching IPC',
    async (command) => {
      fakes.invoke.mockClear();
      const reply = await bridge.invoke(command, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(fakes.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses non-string command names', async () => {
    fakes.invoke.mockClear();
    const invokeAny = bridge.invoke as (command: unknown, payload: unknown) => Promise<unknown>;
    await expect(invokeAny({ toString: () => 'app:info' }, {})).resolves.toMatchObject({ ok: false });
    expect(fakes.invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the payload alone, never the Electron event', () => {
    const calls: unknown[][] = [];
    const off = bridge.on('prefs:changed', (...args: unknown[]) => void calls.push(args));
    emitter.emit(IPC_EVENT_CHANNEL, electronEvent, 'prefs:changed', { theme: 'light' });
    emitter.emit(IPC_EVENT_CHANNEL, electronEvent, 'sync:finished', { ignored: true });
    emitter.emit(IPC_EVENT_CHANNEL, electronEvent, 'not:an-event', { ignored: true });
    expect(calls).toEqual([[{ theme: 'light' }]]);
    off();
  });

  it('unsubscribes, detaching from IPC once nobody listens', () => {
    const seen: unknown[] = [];
    const offA = bridge.on('prefs:changed', (p) => void seen.push(['a', p]));
    const offB = bridge.on('sync:progress', (p) => void seen.push(['b', p]));
    expect(emitter.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    offA();
    offA();
    emitter.emit(IPC_EVENT_CHANNEL, electronEvent, 'prefs:changed', { theme: 'dark' });
    expect(seen).toEqual([]);
    expect(emitter.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    offB();
    expect(emitter.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('refuses unknown events and non-function listeners', () => {
    const onAny = bridge.on as (event: unknown, listener: unknown) => () => void;
    expect(() => onAny('orchard:event', () => {})).toThrow(/Unknown event/);
    expect(() => onAny('prefs:changed', 'not a function')).toThrow(/function/);
    expect(emitter.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
