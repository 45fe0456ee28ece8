// The runs of the workbench's tabs: start (one statement or several in order), follow a run from
// its first rows to its counted result, cancel, and release results main no longer needs to keep.
// "Run all" keeps every statement's result: the latest is shown unless the user picks another.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { CellValue, QueryColumn, QueryResult, SortOrder } from '../../../shared/workbench';
import { asOrchardError } from '../../ipc/asOrchardError';
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
  /** Per tab, the run whose result is shown: the one the user picked, else the latest. */
  runs: Readonly<Record<string, TabRun>>;
  /** Per tab, every statement of its last start, in order. */
  steps: Readonly<Record<string, readonly TabRun[]>>;
  start(tabId: string, targets: StatementRange[]): Promise<void>;
  cancel(tabId: string): boolean;
  setSort(tabId: string, sort: SortOrder | null): void;
  /** Shows the result of the statement at `index` of the tab's last start. */
  show(tabId: string, index: number): void;
  /** Forgets a closed tab's run: cancels it and releases its results. */
  discard(tabId: string): void;
}

interface TabSteps {
  steps: TabRun[];
  /** Index of the step the user picked; null follows the latest. */
  shown: number | null;
}

const isActive = (run: TabRun | undefined) => run !== undefined && (run.phase === 'running' || run.phase === 'counting');

export function shownStep(tab: TabSteps | undefined): TabRun | undefined {
  if (tab === undefined) return undefined;
  return tab.steps[tab.shown ?? tab.steps.length - 1] ?? tab.steps.at(-1);
}

const resultsOf = (tab: TabSteps | undefined) => (tab?.steps ?? []).map((step) => step.result);

export function useTabRuns(client: OrchardClient): TabRuns {
  const [tabs, setTabs] = useState<Record<string, TabSteps>>({});
  const latest = useRef<Record<string, TabSteps>>({});

  const put = useCallback((tabId: string, tab: TabSteps | null) => {
    const next = { ...latest.current };
    if (tab === null) delete next[tabId];
    else next[tabId] = tab;
    latest.current = next;
    setTabs(next);
  }, []);

  /** Applies a change only while `runId` is a step of the tab's current start. */
  const update = useCallback(
    (tabId: string, runId: string, change: Partial<TabRun>) => {
      const tab = latest.current[tabId];
      const index = tab?.steps.findIndex((step) => step.runId === runId) ?? -1;
      const current = tab?.steps[index];
      if (tab === undefined || current === undefined) return false;
      put(tabId, { ...tab, steps: tab.steps.map((step, i) => (i === index ? { ...current, ...change } : step)) });
      return true;
    },
    [put],
  );

  const release = useCallback(
    (results: readonly (QueryResult | null)[]) => {
      for (const result of results) {
        if (result) void client.invoke('query:release', { resultId: result.resultId }).catch(() => undefined);
      }
    },
    [client],
  );

  const cancel = useCallback(
    (tabId: string) => {
      const run = latest.current[tabId]?.steps.at(-1);
      if (!isActive(run) || run === undefined) return false;
      void client.invoke('query:cancel', { runId: run.runId }).catch(() => undefined);
      return true;
    },
    [client],
  );

  const start = useCallback(
    async (tabId: string, targets: StatementRange[]) => {
      cancel(tabId);
      release(resultsOf(latest.current[tabId]));
      put(tabId, { steps: [], shown: null });
      for (const [index, target] of targets.entries()) {
        const runId = crypto.randomUUID();
        const tab = latest.current[tabId];
        if (tab === undefined) return;
        put(tabId, {
          shown: tab.shown,
          steps: [
            ...tab.steps,
            {
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
            },
          ],
        });
        try {
          const reply = await client.invoke('query:run', { runId, sql: target.text });
          let result = reply.result;
          const fromResult = result !== null;
          if (!update(tabId, runId, { phase: result ? 'done' : 'counting', columns: reply.columns, firstRows: reply.firstRows, firstRowsFromResult: fromResult, result })) {
            release([result]);
            return;
          }
          if (result === null) {
            result = await client.invoke('query:wait', { runId });
            if (!update(tabId, runId, { phase: 'done', result, columns: result.columns })) {
              release([result]);
              return;
            }
          }
        } catch (e) {
          const error = asOrchardError(e);
          if (update(tabId, runId, { phase: error.code === 'CANCELLED' ? 'cancelled' : 'failed', error })) {
            // The statement that stopped the run is what the user needs to see, whichever was picked.
            const tab = latest.current[tabId];
            if (tab) put(tabId, { ...tab, shown: null });
          }
          return;
        }
      }
    },
    [cancel, client, put, release, update],
  );

  const setSort = useCallback(
    (tabId: string, sort: SortOrder | null) => {
      const tab = latest.current[tabId];
      const run = shownStep(tab);
      if (tab && run) update(tabId, run.runId, { sort });
    },
    [update],
  );

  const show = useCallback(
    (tabId: string, index: number) => {
      const tab = latest.current[tabId];
      if (tab && index >= 0 && index < tab.steps.length) put(tabId, { ...tab, shown: index === tab.steps.length - 1 && !isActive(tab.steps.at(-1)) ? null : index });
    },
    [put],
  );

  const discard = useCallback(
    (tabId: string) => {
      cancel(tabId);
      release(resultsOf(latest.current[tabId]));
      put(tabId, null);
    },
    [cancel, put, release],
  );

  const runs = useMemo(() => {
    const shown: Record<string, TabRun> = {};
    for (const [tabId, tab] of Object.entries(tabs)) {
      const run = shownStep(tab);
      if (run) shown[tabId] = run;
    }
    return shown;
  }, [tabs]);
  const steps = useMemo(() => Object.fromEntries(Object.entries(tabs).map(([tabId, tab]) => [tabId, tab.steps])), [tabs]);

  return { runs, steps, start, cancel, setSort, show, discard };
}
