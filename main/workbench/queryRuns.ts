// Runs the workbench's queries. A run first tries a cheap preview (the statement wrapped in a
// LIMIT, under a small time budget) so the first rows show at once even when the whole result
// takes seconds to materialise; the full result follows through `wait`. Each run has its own
// AbortController, so Cancel stops exactly that run, queued or running.
import { OrchardError } from '../../shared/errors';
import { PREVIEW_ROWS, type HistoryEntry, type QueryResult, type QueryRunReply, type RunOutcome } from '../../shared/workbench';
import type { QueryService } from '../warehouse';
import { asSubquery } from './warehouseReads';

/** Preview longer than this: the statement blocks (sorts, aggregates); stop and run it once, fully. */
const DEFAULT_PREVIEW_BUDGET_MS = 300;
/** Settled runs remembered for `wait` after they finish. */
const KEPT_RUNS = 64;
const KEPT_RESULTS = 256;

export interface QueryRunsDeps {
  query: QueryService;
  now: () => Date;
  onFinished: (entry: HistoryEntry) => void;
  previewBudgetMs?: number;
}

interface Run {
  controller: AbortController;
  settled: boolean;
  full: Promise<QueryResult> | undefined;
}

export interface ResultSource {
  sql: string;
  columns: QueryResult['columns'];
  totalRows: number;
}

interface Preview {
  result: QueryResult;
  rows: QueryRunReply['firstRows'];
  complete: boolean;
}

export interface QueryRuns {
  run(runId: string, sql: string): Promise<QueryRunReply>;
  wait(runId: string): Promise<QueryResult>;
  cancel(runId: string): boolean;
  /** The SQL and columns of a live result (charts aggregate over it). */
  sourceOf(resultId: string): ResultSource | undefined;
  forget(resultId: string): void;
  /** Cancels every run that has not finished. */
  cancelAll(): void;
  /** Waits until no run is executing (after cancelAll, on shutdown). */
  drain(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function outcomeOf(error: unknown): RunOutcome {
  return error instanceof OrchardError && error.code === 'CANCELLED' ? 'cancelled' : 'failed';
}

export function createQueryRuns(deps: QueryRunsDeps): QueryRuns {
  const { query } = deps;
  const budget = deps.previewBudgetMs ?? DEFAULT_PREVIEW_BUDGET_MS;
  const runs = new Map<string, Run>();
  const resultSql = new Map<string, ResultSource>();
  const executing = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    executing.add(settled);
    void settled.then(() => executing.delete(settled));
    return promise;
  };

  const remember = (result: QueryResult, sql: string) => {
    resultSql.set(result.resultId, { sql, columns: result.columns, totalRows: result.totalRows });
    for (const oldest of resultSql.keys()) {
      if (resultSql.size <= KEPT_RESULTS) break;
      resultSql.delete(oldest);
    }
  };

  const prune = () => {
    for (const [id, run] of runs) {
      if (runs.size <= KEPT_RUNS) break;
      if (run.settled) runs.delete(id);
    }
  };

  /** Null when the statement cannot be wrapped, fails (the full run reports it) or is too slow. */
  async function preview(sql: string, signal: AbortSignal): Promise<Preview | null> {
    const limited = `SELECT * FROM ${asSubquery(sql)} AS preview LIMIT ${PREVIEW_ROWS + 1}`;
    try {
      const result = await query.runQuery(limited, { signal: AbortSignal.any([signal, AbortSignal.timeout(budget)]) });
      const page = await query.fetchPage(result.resultId, { offset: 0, limit: PREVIEW_ROWS + 1 });
      const complete = page.rows.length <= PREVIEW_ROWS;
      if (!complete) await query.releaseResult(result.resultId);
      return { result, rows: page.rows.slice(0, PREVIEW_ROWS), complete };
    } catch (error) {
      if (signal.aborted) throw error;
      return null;
    }
  }

  function record(sql: string, startedAt: Date, started: number, outcome: RunOutcome, details: { rows?: number; error?: string }) {
    deps.onFinished({
      id: crypto.randomUUID(),
      sql,
      startedAt: startedAt.toISOString(),
      elapsedMs: Math.round(performance.now() - started),
      outcome,
      ...details,
    });
  }

  async function execute(runId: string, sql: string, run: Run): Promise<QueryRunReply> {
    const { signal } = run.controller;
    const startedAt = deps.now();
    const started = performance.now();
    const finish = (result: QueryResult) => {
      remember(result, sql);
      record(sql, startedAt, started, 'succeeded', { rows: result.totalRows });
      return result;
    };
    const fail = (error: unknown): never => {
      record(sql, startedAt, started, outcomeOf(error), { error: messageOf(error) });
      throw error;
    };
    let first: Preview | null;
    try {
      first = await preview(sql, signal);
    } catch (error) {
      return fail(error);
    }
    if (first?.complete) {
      const result = { ...first.result, elapsedMs: Math.round(performance.now() - started) };
      return { runId, columns: result.columns, firstRows: first.rows, result: finish(result) };
    }
    const full = track(query.runQuery(sql, { signal }).then(finish, fail));
    run.full = full;
    full.catch(() => undefined);
    if (first !== null) return { runId, columns: first.result.columns, firstRows: first.rows, result: null };
    const result = await full;
    const page = await query.fetchPage(result.resultId, { offset: 0, limit: PREVIEW_ROWS });
    return { runId, columns: result.columns, firstRows: page.rows, result };
  }

  return {
    async run(runId, sql) {
      if (runs.has(runId)) throw new OrchardError('CONFLICT', 'This run ID is already in use.');
      const run: Run = { controller: new AbortController(), settled: false, full: undefined };
      runs.set(runId, run);
      prune();
      const reply = track(execute(runId, sql, run));
      const settle = () => {
        run.settled = true;
      };
      // The run stays cancellable until its full result (if any) is there.
      reply.then((r) => (r.result === null && run.full ? run.full.then(settle, settle) : settle()), settle);
      return reply;
    },

    async wait(runId) {
      const run = runs.get(runId);
      if (run === undefined) throw new OrchardError('NOT_FOUND', 'This query run is unknown or too old; run it again.');
      if (run.full === undefined) throw new OrchardError('BAD_INPUT', 'This run has no pending result.');
      return run.full;
    },

    cancel(runId) {
      const run = runs.get(runId);
      if (run === undefined || run.settled) return false;
      run.controller.abort();
      return true;
    },

    sourceOf: (resultId) => resultSql.get(resultId),
    forget: (resultId) => {
      resultSql.delete(resultId);
    },

    cancelAll() {
      for (const run of runs.values()) if (!run.settled) run.controller.abort();
    },

    async drain() {
      while (executing.size > 0) await Promise.all(executing);
    },
  };
}
