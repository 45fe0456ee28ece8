// @vitest-environment jsdom
// Tiles of a page under changing controls: each tile asks on its own, at most three at once; new
// controls cancel the group still running and answers of the old group never overwrite the new;
// a cancelled tile says so; Stop cancels what is left.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { DashboardControls, TileDefinition, TileResult } from '../../../shared/dashboards';
import type { OrchardClient } from '../../../renderer/ipc/client';
import { TILE_CONCURRENCY, useTileRequests } from '../../../renderer/features/dashboards/useTileRequests';

interface TileCall { group: string; tileId: string; controls: DashboardControls; resolve: (r: TileResult) => void; reject: (e: unknown) => void }

/** A fake main: tile calls wait until the test answers them; a cancel rejects its group's calls. */
function fakeMain() {
  const tiles: TileCall[] = [];
  const cancels: string[] = [];
  const client = {
    invoke(command: string, input: { group: string; tileId: string; controls: DashboardControls }) {
      if (command === 'insights:cancel') {
        cancels.push(input.group);
        for (const t of tiles.filter((c) => c.group === input.group)) t.reject(new OrchardError('CANCELLED', 'cancelled'));
        return Promise.resolve({ cancelled: 1 });
      }
      return new Promise<TileResult>((resolve, reject) => tiles.push({ ...input, resolve, reject }));
    },
    on: () => () => undefined,
  } as unknown as OrchardClient;
  return { client, tiles, cancels };
}

const TILES = ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id, chart: 'line', meaning: '', unit: 'count', reports: [], filters: [] }) as TileDefinition);

function controls(from: string): DashboardControls {
  return { apps: ['1'], from, to: '2026-01-28', granularity: 'DAILY', filters: {}, compare: 'none', topN: 8 };
}

function answer(call: TileCall, value: number): void {
  call.resolve({ pageId: 'acquisition', tileId: call.tileId, sql: 'SELECT 1', columns: ['period', 'series', 'value'], rows: [[call.controls.from, 's', value]], granularity: 'DAILY', window: { from: call.controls.from, to: call.controls.to }, compareWindow: null, dataUpTo: null, compareNote: null, restatingFrom: null, notes: [], elapsedMs: 1 });
}

describe('useTileRequests', () => {
  it('asks a few tiles at a time, cancels the old group on new controls, and ignores its late answers', async () => {
    const main = fakeMain();
    const { result, rerender } = renderHook(({ c }) => useTileRequests(main.client, 'acquisition', TILES, c, JSON.stringify(c)), { initialProps: { c: controls('2026-01-01') } });
    await waitFor(() => expect(main.tiles).toHaveLength(TILE_CONCURRENCY));
    const first = main.tiles[0] as TileCall;
    await act(async () => answer(first, 7));
    await waitFor(() => expect(result.current.runs.a?.status).toBe('ready'));
    await waitFor(() => expect(main.tiles).toHaveLength(4));
    const oldGroup = first.group;

    rerender({ c: controls('2026-01-10') });
    expect(main.cancels).toEqual([oldGroup]);
    await waitFor(() => expect(main.tiles.filter((t) => t.group !== oldGroup)).toHaveLength(TILE_CONCURRENCY));
    // The old rows stay on screen while the new ones load.
    expect(result.current.runs.a).toMatchObject({ status: 'loading', result: { rows: [['2026-01-01', 's', 7]] } });
    expect(result.current.busy).toBe(true);
    const fresh = main.tiles.filter((t) => t.group !== oldGroup);
    await act(async () => answer(fresh[0] as TileCall, 9));
    await waitFor(() => expect(result.current.runs.a?.result?.rows).toEqual([['2026-01-10', 's', 9]]));
  });

  it('Stop cancels the running tiles and the queued ones, and each says it was cancelled', async () => {
    const main = fakeMain();
    const { result } = renderHook(() => useTileRequests(main.client, 'acquisition', TILES, controls('2026-01-01'), 'k'));
    await waitFor(() => expect(main.tiles).toHaveLength(TILE_CONCURRENCY));
    act(() => result.current.stop());
    await waitFor(() => expect(Object.values(result.current.runs).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']));
    expect(main.cancels).toHaveLength(1);
    expect(main.tiles).toHaveLength(TILE_CONCURRENCY);
    expect(result.current.busy).toBe(false);
  });
});
