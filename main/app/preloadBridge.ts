// What the preload exposes as `window.orchard`: exactly OrchardBridge. Command and event names are
// checked against the contract here too, so page code cannot use the bridge to reach any other
// IPC channel, and listeners get only the payload, never Electron's event object.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type OrchardBridge } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/define';
import { isListedCommand } from '../../shared/ipc/commandNames';
import { isEventName, type EventName } from '../../shared/ipc/events';

type Listener = (payload: unknown) => void;

export function createElectronBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): OrchardBridge {
  const listeners = new Map<EventName, Set<Listener>>();
  const onMessage = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };

  function listenerCount(): number {
    let n = 0;
    for (const set of listeners.values()) n += set.size;
    return n;
  }

  return {
    invoke(command, payload) {
      if (!isListedCommand(command)) {
        const refused: Envelope<never> = {
          ok: false,
          error: { code: 'BAD_INPUT', message: `Unknown command ${JSON.stringify(String(command)).slice(0, 80)}.` },
        };
        return Promise.resolve(refused);
      }
      return ipc.invoke(IPC_INVOKE_CHANNEL, command, payload) as Promise<Envelope<unknown>>;
    },
    on(event, listener) {
      if (!isEventName(event)) throw new TypeError(`Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      // One IPC listener per bridge, attached while anyone listens.
      if (listenerCount() === 0) ipc.on(IPC_EVENT_CHANNEL, onMessage);
      const set = listeners.get(event) ?? new Set<Listener>();
      const wrapped: Listener = (payload) => (listener as Listener)(payload);
      set.add(wrapped);
      listeners.set(event, set);
      return () => {
        if (!set.delete(wrapped)) return;
        if (listenerCount() === 0) ipc.removeListener(IPC_EVENT_CHANNEL, onMessage);
      };
    },
  };
}
