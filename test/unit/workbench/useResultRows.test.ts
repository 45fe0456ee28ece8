// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { PAGE_ROWS, type CellValue, type SortOrder } from '../../../shared/workbench';
import { CACHED_PAGES, useResultRows, type FetchRows, type RowSource } from '../../../renderer/features/workbench/useResultRows';

/** A fake main process: rows are [index], sorted descending when asked; every call is logged. */
function fakeMain(totalRows: number) {
  const calls: { offset: number; limit: number; orderBy: SortOrder | null }[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const fetchRows: FetchRows = (_resultId, offset, limit, orderBy) => {
    calls.push({ offset, limit, orderBy });
    const rows: CellValue[][] = [];
    for (let i = offset; i < Math.min(totalRows, offset + limit); i += 1) rows.push([orderBy?.desc ? totalRows - 1 - i : i]);
    if (!hold) return Promise.resolve(rows);
    return new Promise((resolve) => pending.push(() => resolve(rows)));
  };
  return {
    calls,
    fetchRows,
    holdReplies: () => {
      hold = true;
    },
    releaseReplies: () => pending.splice(0).forEach((reply) => reply()),
  };
}

const seed = (n: number) => Array.from({ length: n }, (_, i) => [i]);

describe('useResultRows', () => {
  it('shows the run’s first rows at once and fetches only the pages it lacks, once each', async () => {
    const main = fakeMain(1_000_000);
    const source: RowSource = { resultId: 'r1', totalRows: 1_000_000, orderBy: null, seed: seed(1000) };
    const { result } = renderHook(() => useResultRows(source, main.fetchRows));
    expect(result.current.rowAt(999)).toEqual([999]);
    act(() => result.current.request(0, 40));
    expect(main.calls).toEqual([]);
    act(() => {
      result.current.request(2400, 2440);
      result.current.request(2400, 2440);
    });
    expect(main.calls.map((c) => c.offset)).toEqual([2000, 1500, 2500]);
    await waitFor(() => expect(result.current.rowAt(2420)).toEqual([2420]));
    expect(result.current.rowAt(999_999)).toBeUndefined();
  });

  it('holds a few pages however far the grid scrolls', async () => {
    const main = fakeMain(10_000_000);
    const { result } = renderHook(() => useResultRows({ resultId: 'r1', totalRows: 10_000_000, orderBy: null, seed: seed(1000) }, main.fetchRows));
    for (let first = 0; first < 10_000_000; first += 250_000) {
      const last = Math.min(9_999_999, first + 40);
      // Replies resolve at once: act flushes them.
      await act(async () => result.current.request(first, last));
      expect(result.current.rowAt(last)).toEqual([last]);
      expect(result.current.cachedPages().length).toBeLessThanOrEqual(CACHED_PAGES);
    }
    act(() => result.current.request(9_999_960, 9_999_999));
    await waitFor(() => expect(result.current.rowAt(9_999_999)).toEqual([9_999_999]));
    expect(result.current.cachedPages()).toContain(Math.floor(9_999_999 / PAGE_ROWS));
  });

  it('starts over for a new sort order, asks main to sort, and ignores replies for the old order', async () => {
    const main = fakeMain(5000);
    const { result, rerender } = renderHook(({ source }) => useResultRows(source, main.fetchRows), {
      initialProps: { source: { resultId: 'r1', totalRows: 5000, orderBy: null, seed: seed(1000) } as RowSource },
    });
    main.holdReplies();
    act(() => result.current.request(3000, 3040));
    rerender({ source: { resultId: 'r1', totalRows: 5000, orderBy: { column: 'n', desc: true }, seed: seed(1000) } });
    expect(result.current.rowAt(0)).toBeUndefined();
    act(() => result.current.request(0, 40));
    expect(main.calls.slice(-2)).toEqual([
      { offset: 0, limit: PAGE_ROWS, orderBy: { column: 'n', desc: true } },
      { offset: PAGE_ROWS, limit: PAGE_ROWS, orderBy: { column: 'n', desc: true } },
    ]);
    await act(async () => main.releaseReplies());
    expect(result.current.rowAt(0)).toEqual([4999]);
    expect(result.current.rowAt(3000)).toBeUndefined();
  });

  it('serves only the seed while main is still counting, and reports a released result', async () => {
    const counting = fakeMain(2000);
    const { result, rerender } = renderHook(({ fetchRows }) => useResultRows({ resultId: null, totalRows: 1000, orderBy: null, seed: seed(1000) }, fetchRows), {
      initialProps: { fetchRows: counting.fetchRows },
    });
    act(() => result.current.request(900, 999));
    expect(counting.calls).toEqual([]);
    expect(result.current.rowAt(999)).toEqual([999]);
    const released: FetchRows = () => Promise.reject(new OrchardError('NOT_FOUND', 'This result was released; run the query again.'));
    const gone = renderHook(() => useResultRows({ resultId: 'r9', totalRows: 5000, orderBy: null, seed: [] }, released));
    act(() => gone.result.current.request(0, 10));
    await waitFor(() => expect(gone.result.current.error?.code).toBe('NOT_FOUND'));
    rerender({ fetchRows: counting.fetchRows });
  });

  it('when the counted result replaces a preview, keeps showing the preview only until the result’s own rows arrive', async () => {
    const main = fakeMain(5000);
    const preview = seed(1000).map(([i]) => [`preview ${String(i)}`]);
    const { result, rerender } = renderHook(({ source }) => useResultRows(source, main.fetchRows), {
      initialProps: { source: { resultId: null, totalRows: 1000, orderBy: null, seed: preview } as RowSource },
    });
    expect(result.current.rowAt(10)).toEqual(['preview 10']);
    main.holdReplies();
    rerender({ source: { resultId: 'r2', totalRows: 5000, orderBy: null, seed: [] } });
    act(() => result.current.request(0, 40));
    expect(result.current.rowAt(10)).toEqual(['preview 10']);
    await act(async () => main.releaseReplies());
    expect(result.current.rowAt(10)).toEqual([10]);
    expect(result.current.rowAt(999)).toEqual([999]);
  });
});
