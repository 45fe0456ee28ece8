// Rows for the grid, fetched page by page from main as the grid asks for a range and kept in a
// small LRU cache; the run's first rows seed it, so the grid fills before the first page request.
import { useCallback, useMemo, useRef, useState } from 'react';
import { OrchardError } from '../../../shared/errors';
import { PAGE_ROWS, type CellValue, type SortOrder } from '../../../shared/workbench';
import { PageCache, pagesToLoad } from './pageCache';

/** Pages kept: a few screens either side of what is visible. */
export const CACHED_PAGES = 6;

export interface RowSource {
  /** Null while main is still materialising the result: only the seed rows exist. */
  resultId: string | null;
  totalRows: number;
  orderBy: SortOrder | null;
  /** Rows known before paging: the first rows of the result in its own order. */
  seed: CellValue[][];
}

export type FetchRows = (resultId: string, offset: number, limit: number, orderBy: SortOrder | null) => Promise<CellValue[][]>;

interface CacheState {
  key: string;
  cache: PageCache;
  loading: Set<number>;
  /** The previous rows in the same order, shown until this cache's pages arrive (no flicker). */
  stale: PageCache | null;
}

function asOrchardError(e: unknown): OrchardError {
  return e instanceof OrchardError ? e : new OrchardError('INTERNAL', e instanceof Error ? e.message : String(e));
}

function keyOf(source: RowSource): string {
  return JSON.stringify([source.resultId, source.totalRows, source.orderBy]);
}

/** Seeds only complete pages (or the result's last page), and only in the result's own order. */
function seeded(source: RowSource, key: string, previous: { orderBy: SortOrder | null; state: CacheState } | null): CacheState {
  const cache = new PageCache(PAGE_ROWS, CACHED_PAGES);
  if (source.orderBy === null) {
    for (let page = 0; page * PAGE_ROWS < source.seed.length && page < CACHED_PAGES; page += 1) {
      const rows = source.seed.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
      if (rows.length === PAGE_ROWS || page * PAGE_ROWS + rows.length === source.totalRows) cache.set(page, rows);
    }
  }
  const sameOrder = previous !== null && JSON.stringify(previous.orderBy) === JSON.stringify(source.orderBy);
  return { key, cache, loading: new Set(), stale: sameOrder ? previous.state.cache : null };
}

export interface ResultRows {
  rowAt(index: number): CellValue[] | undefined;
  /** Asks for rows [first, last]; pages arrive asynchronously and re-render the grid. */
  request(first: number, last: number): void;
  error: OrchardError | null;
  /** Changes whenever rows arrive. */
  version: number;
  cachedPages(): number[];
}

export function useResultRows(source: RowSource, fetchRows: FetchRows): ResultRows {
  const key = keyOf(source);
  const state = useRef<CacheState | null>(null);
  const order = useRef<SortOrder | null>(null);
  if (state.current === null || state.current.key !== key) {
    state.current = seeded(source, key, state.current === null ? null : { orderBy: order.current, state: state.current });
    order.current = source.orderBy;
  }
  const current = state.current;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<{ key: string; error: OrchardError } | null>(null);
  const { resultId, totalRows, orderBy } = source;

  const request = useCallback(
    (first: number, last: number) => {
      if (resultId === null) return;
      for (const page of pagesToLoad(first, last, totalRows, PAGE_ROWS)) {
        if (current.cache.has(page) || current.loading.has(page)) continue;
        current.loading.add(page);
        fetchRows(resultId, page * PAGE_ROWS, PAGE_ROWS, orderBy).then(
          (rows) => {
            current.loading.delete(page);
            current.cache.set(page, rows);
            if (current.cache.size >= 2) current.stale = null;
            if (state.current === current) setVersion((v) => v + 1);
          },
          (e: unknown) => {
            current.loading.delete(page);
            if (state.current === current) setError({ key: current.key, error: asOrchardError(e) });
          },
        );
      }
    },
    [current, fetchRows, resultId, totalRows, orderBy],
  );

  const shownError = error?.key === key ? error.error : null;
  return useMemo(
    () => ({
      rowAt: (index: number) => current.cache.row(index) ?? current.stale?.row(index),
      request,
      error: shownError,
      version,
      cachedPages: () => current.cache.pageNumbers(),
    }),
    [current, request, shownError, version],
  );
}
