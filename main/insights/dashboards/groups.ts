// Tiles belong to a group (one set of controls). Cancelling a group aborts its tiles still queued
// or running, and tiles of that group arriving afterwards (a request already in flight over IPC)
// are refused at once.
import { OrchardError } from '../../../shared/errors';

/** Cancelled groups remembered, so a late tile of one is refused; older ones are forgotten. */
const REMEMBERED_CANCELLED = 256;

export interface TileGroups {
  /** A signal for one tile of the group; already aborted when the group was cancelled. */
  start(group: string): { signal: AbortSignal; done(): void };
  /** Aborts every tile of the group still queued or running; how many there were. */
  cancel(group: string): number;
}

export function cancelledTile(): OrchardError {
  return new OrchardError('CANCELLED', 'Stopped: the dashboard controls changed before this tile finished.');
}

export function createTileGroups(): TileGroups {
  const running = new Map<string, Set<AbortController>>();
  const cancelled = new Set<string>();
  return {
    start(group) {
      const controller = new AbortController();
      if (cancelled.has(group)) controller.abort(cancelledTile());
      const set = running.get(group) ?? new Set();
      set.add(controller);
      running.set(group, set);
      return {
        signal: controller.signal,
        done() {
          set.delete(controller);
          if (set.size === 0 && running.get(group) === set) running.delete(group);
        },
      };
    },
    cancel(group) {
      cancelled.add(group);
      if (cancelled.size > REMEMBERED_CANCELLED) cancelled.delete(cancelled.values().next().value as string);
      const set = running.get(group);
      running.delete(group);
      if (set === undefined) return 0;
      for (const controller of set) controller.abort(cancelledTile());
      return set.size;
    },
  };
}
