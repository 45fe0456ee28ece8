// Typed fan-out of main-process events to every connected renderer (Electron windows, browser
// tabs over the bridge). Services emit; transports subscribe.
import type { EventMap, EventName } from '../../shared/ipc/events';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
