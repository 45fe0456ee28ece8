// The runs of the workbench's tabs: start (one statement or several in order), follow a run from
// its first rows to its counted result, cancel, and release results main no longer needs to keep.
import { useCallback, useRef, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { CellValue, QueryColumn, QueryResult, SortOrder } from '../../../shared/workbench';
import { asOrchardError } from '../../ipc/ClientContext';
import type { OrchardClient } from '../../ipc/client';
import type { StatementRange } from './statements';

export type RunPhase = 'running' | 'counting' | 'done' | 'failed' | 'cancelled';

export interface TabRun {
  runId: string;
  phase: RunPhase;
  sql: string;
  /** Where the run's SQL starts in the editor, to place DuckDB's error position. */
  docOffset: number;
  startedAt: number;
  columns: QueryColumn[];
  firstRows: CellValue[][];
  /**
   * Whether firstRows are the first rows of `result` itself. A preview ran the statement on its
   * own: without ORDER BY, DuckDB may return the whole result's rows in another order.
   */
  firstRowsFromResult: boolean;
  result: QueryResult | null;
  error: OrchardError | null;
  sort: SortOrder | null;
  /** Position of this statement when several run in order. */
  step: { index: number; count: number };
}

export interface TabRuns {
  runs: Readonly<Record<string, TabRun>>;
  start(tabId: string, targets: StatementRange[]): Promise<void>;
  cancel(tabId: string): boolean;
  setSort(tabId: string, sort: SortOrder | null): void;
  /** Forgets a closed tab's run: cancels it and releases its result. */
  discard(tabId: string): void;
}

const isActive = (run: TabRun | undefined) => run !== undefined && (run.phase === 'running' || run.phase === 'counting');

export function useTabRuns(client: OrchardClient): TabRuns {
  const [runs, setRuns] = useState<Record<string, TabRun>>({});
  const latest = useRef<Record<string, TabRun>>({});

  const put = useCallback((tabId: string, run: TabRun | null) => {
    const next = { ...latest.current };
    if (run === null) delete next[tabId];
    else next[tabId] = run;
    latest.current = next;
    setRuns(next);
  }, []);

  /** Applies a change only while `runId` is still the tab's current run. */
  const update = useCallback(
    (tabId: string, runId: string, change: Partial<TabRun>) => {
      const current = latest.current[tabId];
      if (current?.runId !== runId) return false;
      put(tabId, { ...current, ...change });
      return true;
    },
    [put],
  );

  const release = useCallback(
    (result: QueryResult | null | undefined) => {
      if (result) void client.invoke('query:release', { resultId: result.resultId }).catch(() => undefined);
    },
    [client],
  );

  const cancel = useCallback(
    (tabId: string) => {
      const run = latest.current[tabId];
      if (!isActive(run) || run === undefined) return false;
      void client.invoke('query:cancel', { runId: run.runId }).catch(() => undefined);
      return true;
    },
    [client],
  );

  const start = useCallback(
    async (tabId: string, targets: StatementRange[]) => {
      cancel(tabId);
      release(latest.current[tabId]?.result);
      for (const [index, target] of targets.entries()) {
        const runId = crypto.randomUUID();
        put(tabId, {
          runId,
          phase: 'running',
          sql: target.text,
          docOffset: target.from,
          startedAt: performance.now(),
          columns: [],
          firstRows: [],
          firstRowsFromResult: false,
          result: null,
          error: null,
          sort: null,
          step: { index, count: targets.length },
        });
        try {
          const reply = await client.invoke('query:run', { runId, sql: target.text });
          let result = reply.result;
          const fromResult = result !== null;
          if (!update(tabId, runId, { phase: result ? 'done' : 'counting', columns: reply.columns, firstRows: reply.firstRows, firstRowsFromResult: fromResult, result })) return;
          if (result === null) {
            result = await client.invoke('query:wait', { runId });
            if (!update(tabId, runId, { phase: 'done', result, columns: result.columns })) {
              release(result);
              return;
            }
          }
          if (index < targets.length - 1) release(result);
        } catch (e) {
          const error = asOrchardError(e);
          update(tabId, runId, { phase: error.code === 'CANCELLED' ? 'cancelled' : 'failed', error });
          return;
        }
      }
    },
    [cancel, client, put, release, update],
  );

  const setSort = useCallback(
    (tabId: string, sort: SortOrder | null) => {
      const run = latest.current[tabId];
      if (run) put(tabId, { ...run, sort });
    },
    [put],
  );

  const discard = useCallback(
    (tabId: string) => {
      cancel(tabId);
      release(latest.current[tabId]?.result);
      put(tabId, null);
    },
    [cancel, put, release],
  );

  return { runs, start, cancel, setSort, discard };
}
