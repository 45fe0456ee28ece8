// Every tile of a page asks main for its rows on its own (insights:tile), a few at a time, under one
// group ID per set of controls. New controls cancel the group still running (insights:cancel) and
// ask again; a tile keeps its last rows on screen, marked stale, until the new ones arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardControls, DashboardPageId, TileDefinition, TileResult } from '../../../shared/dashboards';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError } from '../../ipc/asOrchardError';
import type { OrchardClient } from '../../ipc/client';
import { invokeDashboard } from './dashboardClient';
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
    let queue: TileQueue | null = null;
    const patch = (tileId: string, run: Omit<TileRun, 'result'>) =>
      setRuns((previous) => ({ ...previous, [tileId]: { ...run, ...(run.status === 'ready' ? {} : previous[tileId]?.result ? { result: previous[tileId]?.result } : {}) } as TileRun }));
    setRuns((previous) => Object.fromEntries(ids.map((id) => [id, { status: 'loading', ...(previous[id]?.result ? { result: previous[id]?.result } : {}) }])) as Record<string, TileRun>);
    queue = startTileQueue(
      ids,
      TILE_CONCURRENCY,
      (tileId) => invokeDashboard(client, 'insights:tile', { requestId: crypto.randomUUID(), group, pageId, tileId, controls: current }),
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
    const cancelGroup = () => {
      const neverStarted = queue?.stop() ?? [];
      for (const tileId of neverStarted) patch(tileId, { status: 'cancelled' });
      if ((queue?.running() ?? 0) > 0) void invokeDashboard(client, 'insights:cancel', { group }).catch(() => undefined);
    };
    stopRef.current = cancelGroup;
    return () => {
      live = false;
      queue?.stop();
      if ((queue?.running() ?? 0) > 0) void invokeDashboard(client, 'insights:cancel', { group }).catch(() => undefined);
    };
  }, [client, pageId, tileIds, controlsKey, nonce]);

  const stop = useCallback(() => stopRef.current(), []);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const busy = Object.values(runs).some((r) => r.status === 'loading');
  return { runs, busy, stop, reload };
}
