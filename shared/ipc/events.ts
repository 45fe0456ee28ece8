// Events the main process pushes to the renderer (progress, state changes). Payloads are plain
// JSON. Add an event here, emit it through main/ipc/eventHub, subscribe with client.on().

import type { Preferences } from '../app';
import type { SalesProgress, SalesSummary } from '../sales';
import type { SyncProgress, SyncSummary } from '../sync';
import type { ExportProgress } from '../workbench';
import type { RebuildProgress } from '../rebuild';
import type { LakeFinished, LakePublishProgress } from './lakeCommands';

export interface EventMap {
  /** Preferences changed (in another window, or by the CLI). */
  'prefs:changed': Preferences;
  /** Throttled progress of a running sync. */
  'sync:progress': SyncProgress;
  /** A sync ended (succeeded, partial, failed or cancelled). */
  'sync:finished': SyncSummary;
  /** Progress of a Sales and Trends / Finance sync (one event per report date). */
  'sales:progress': SalesProgress;
  /** A Sales and Trends / Finance sync ended. */
  'sales:finished': SalesSummary;
  /** Throttled progress of a workbench export. */
  'query:exportProgress': ExportProgress;
  /** Progress of a warehouse rebuild from the cache. */
  'warehouse:rebuildProgress': RebuildProgress;
  /** Progress of a lake publish (Settings › Lake folder). */
  'lake:progress': LakePublishProgress;
  /** A lake publish ended (published, failed or cancelled). */
  'lake:finished': LakeFinished;
}

export type EventName = keyof EventMap;

export const EVENT_NAMES: readonly EventName[] = [
  'prefs:changed', 'sync:progress', 'sync:finished', 'query:exportProgress', 'sales:progress', 'sales:finished', 'warehouse:rebuildProgress',
  'lake:progress', 'lake:finished',
];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
