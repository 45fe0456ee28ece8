// Every tile of a page asks main for its rows on its own (insights:tile), a few at a time, under one
// group ID per set of controls. New controls cancel the group still running (insights:cancel) and
// ask again; a tile keeps its last rows on screen, marked stale, until the new ones arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardControls, DashboardPageId, TileDefinition, TileResult } from '../../../shared/dashboards';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError } from '../../ipc/asOrchardError';
import type { OrchardClient } from '../../ipc/client';
import { startTileQueue, type TileQueue } from './tileQueue';

/** Tiles in flight at once: enough to fill the screen quickly, few enough to keep the first one fast. */
export const TILE_CONCURRENCY = 3;

export type TileStatus = 'loading' | 'ready' | 'error' | 'cancelled';

export interface TileRun {
  status: TileStatus;
  /** The newest rows received; from older controls while `status` is not 'ready'. */
  result?: TileResult;
  error?: OrchardError;
}

export interface TileRequests {
  runs: Record<string, TileRun>;
  /** True while any tile of the current controls is still queued or running. */
  busy: boolean;
  /** Cancels the tiles still queued or running. */
  stop: () => void;
  reload: () => void;
}

export function useTileRequests(client: OrchardClient, pageId: DashboardPageId, tiles: readonly TileDefinition[], controls: DashboardControls | null, controlsKey: string): TileRequests {
  const [runs, setRuns] = useState<Record<string, TileRun>>({});
  const [nonce, setNonce] = useState(0);
  const stopRef = useRef<() => void>(() => undefined);
  const controlsRef = useRef(controls);
  controlsRef.current = controls;
  const tileIds = tiles.map((t) => t.id).join(',');

  useEffect(() => {
    const current = controlsRef.current;
    const ids = tileIds === '' ? [] : tileIds.split(',');
    if (current === null || ids.length === 0) return undefined;
    const group = crypto.randomUUID();
    let live = true;
    /** A new status for a tile; the rows it had stay with it (shown while it reloads). */
    const patch = (tileId: string, run: Omit<TileRun, 'result'>) =>
      setRuns((previous) => {
        const kept = previous[tileId]?.result;
        return { ...previous, [tileId]: kept ? { ...run, result: kept } : run };
      });
    for (const id of ids) patch(id, { status: 'loading' });
    const queue: TileQueue = startTileQueue(
      ids,
      TILE_CONCURRENCY,
      (tileId) => client.invoke('insights:tile', { requestId: crypto.randomUUID(), group, pageId, tileId, controls: current }),
      (tileId, outcome) => {
        if (!live) return;
        if (outcome.ok) {
          setRuns((previous) => ({ ...previous, [tileId]: { status: 'ready', result: outcome.value } }));
          return;
        }
        const error = asOrchardError(outcome.error);
        patch(tileId, error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'error', error });
      },
    );
    // Main drops the group's queued tiles and interrupts its running one; answers then arrive as CANCELLED.
    const cancelRunning = () => {
      if (queue.running() > 0) void client.invoke('insights:cancel', { group }).catch(() => undefined);
    };
    stopRef.current = () => {
      for (const tileId of queue.stop()) patch(tileId, { status: 'cancelled' });
      cancelRunning();
    };
    return () => {
      live = false;
      queue.stop();
      cancelRunning();
    };
  }, [client, pageId, tileIds, controlsKey, nonce]);

  const stop = useCallback(() => stopRef.current(), []);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const busy = Object.values(runs).some((r) => r.status === 'loading');
  return { runs, busy, stop, reload };
}
