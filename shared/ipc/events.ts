// Events the main process pushes to the renderer (progress, state changes). Payloads are plain
// JSON. Add an event here, emit it through main/ipc/eventHub, subscribe with client.on().

import type { Preferences } from '../app';

export interface EventMap {
  /** Preferences changed (in another window, or by the CLI). */
  'prefs:changed': Preferences;
}

export type EventName = keyof EventMap;

export const EVENT_NAMES: readonly EventName[] = ['prefs:changed'];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
