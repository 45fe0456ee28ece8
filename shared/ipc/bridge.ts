// The surface the preload script exposes as `window.orchard` and the browser transport imitates.
// Deliberately tiny: one call, one subscription; names are checked against the contract on both
// ends.
import type { Envelope } from './define';
import type { EventName, EventMap } from './events';

export interface OrchardBridge {
  invoke(command: string, payload: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** Electron IPC channel names used by the preload and main/app. */
export const IPC_INVOKE_CHANNEL = 'orchard:invoke';
export const IPC_EVENT_CHANNEL = 'orchard:event';
