// The lower half of the workbench: what the run did (status, timing, errors with their position),
// the grid or the chart of its result, and the tools on it (go to row, copy, export).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ERROR_HINTS } from '../../../shared/errors';
import type { CellValue, SortOrder } from '../../../shared/workbench';
import { useClient } from '../../ipc/ClientContext';
import { formatCount, formatDuration } from './cellFormat';
import { reconcileChartConfig, type ChartConfig } from './chartConfig';
import { PinToDashboard } from '../myDashboard/PinToDashboard';
import { ExportDialog } from './ExportDialog';
import { ResultChart } from './ResultChart';
import { ResultGrid, type ResultGridHandle } from './ResultGrid';
import { nextToast, Toast, type ToastMessage } from './Toast';
import { useResultRows, type FetchRows } from './useResultRows';
import type { TabRun } from './useTabRuns';

export type ResultView = 'grid' | 'chart';

const NO_ROWS: CellValue[][] = [];

interface ResultsPanelProps {
  run: TabRun | undefined;
  /** Every statement of the last start ("Run all"): each keeps its result to switch to. */
  steps: readonly TabRun[];
  onShowStep: (index: number) => void;
  title: string;
  view: ResultView;
  onView: (view: ResultView) => void;
  onSort: (sort: SortOrder | null) => void;
  chart: ChartConfig | null;
  onChart: (config: ChartConfig) => void;
  onShowError: () => void;
  /** The saved query the tab was opened from or saved as: what "Pin to My dashboard" pins. */
  savedName?: string | undefined;
  /** The tab has edits its saved file does not: a pinned tile would run the file, not what is shown. */
  unsaved?: boolean;
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <>{formatDuration(now - since)}</>;
}

function position(run: TabRun): string | null {
  const p = run.error?.details?.position as { line?: number; column?: number } | undefined;
  if (p?.line === undefined) return null;
  return p.column === undefined ? `Line ${p.line}` : `Line ${p.line}, column ${p.column}`;
}

export function ResultsPanel(props: ResultsPanelProps) {
  const { run } = props;
  if (run === undefined) {
    return (
      <div className="wb-results wb-results-empty">
        <p className="wb-note">Run a query with Ctrl/Cmd+Enter (the statement under the cursor, or the selection) or Shift+Ctrl/Cmd+Enter (everything).</p>
      </div>
    );
  }
  return <RunResults {...props} run={run} />;
}

function stepLabel(step: TabRun): string {
  const sql = step.sql.replace(/\s+/g, ' ');
  return sql.length > 48 ? `${sql.slice(0, 47)}…` : sql;
}

function stepOutcome(step: TabRun): string {
  if (step.phase === 'done' && step.result) return `${formatCount(step.result.totalRows)} ${step.result.totalRows === 1 ? 'row' : 'rows'}`;
  if (step.phase === 'running' || step.phase === 'counting') return 'running';
  return step.phase;
}

/** One button per statement of a "Run all": its SQL and outcome; the pressed one is shown below. */
function StepPicker({ steps, shown, onShow }: { steps: readonly TabRun[]; shown: TabRun; onShow: (index: number) => void }) {
  return (
    <div role="group" aria-label="Statement results" className="wb-steps">
      {steps.map((step, i) => (
        <button
          key={step.runId}
          type="button"
          aria-pressed={step.runId === shown.runId}
          className={`wb-step wb-step-${step.phase}`}
          title={step.sql}
          onClick={() => onShow(i)}
        >
          <span className="wb-step-number">{i + 1}</span> <code>{stepLabel(step)}</code> <span className="wb-meta">{stepOutcome(step)}</span>
        </button>
      ))}
    </div>
  );
}

function RunResults({ run, steps, onShowStep, title, view, onView, onSort, chart, onChart, onShowError, savedName, unsaved = false }: ResultsPanelProps & { run: TabRun }) {
  const client = useClient();
  const grid = useRef<ResultGridHandle>(null);
  const [announced, setAnnounced] = useState<ToastMessage | null>(null);
  const setAnnouncement = useCallback((text: string) => setAnnounced((previous) => nextToast(previous, text)), []);
  const [exporting, setExporting] = useState(false);
  const [goTo, setGoTo] = useState('');
  const fetchRows = useCallback<FetchRows>(
    (resultId, offset, limit, orderBy) =>
      client.invoke('query:page', { resultId, offset, limit, ...(orderBy ? { orderBy } : {}) }).then((page) => page.rows),
    [client],
  );
  const resultId = run.result?.resultId ?? null;
  const totalRows = run.result?.totalRows ?? run.firstRows.length;
  const seed = resultId === null || run.firstRowsFromResult ? run.firstRows : NO_ROWS;
  const rows = useResultRows({ resultId, totalRows, orderBy: run.sort, seed }, fetchRows);
  const fetchRange = useCallback(
    async (offset: number, count: number) => {
      const out: CellValue[][] = [];
      while (resultId !== null && out.length < count) {
        const page = await fetchRows(resultId, offset + out.length, Math.min(2000, count - out.length), run.sort);
        if (page.length === 0) break;
        out.push(...page);
      }
      return out;
    },
    [fetchRows, resultId, run.sort],
  );
  const hasColumns = run.columns.length > 0;
  const where = position(run);

  return (
    <div className="wb-results">
      {steps.length > 1 && <StepPicker steps={steps} shown={run} onShow={onShowStep} />}
      <div className="wb-results-bar">
        <div role="status" aria-live="polite" className="wb-status" aria-label="Query status">
          {run.phase === 'running' && (
            <>
              Running{run.step.count > 1 ? ` statement ${run.step.index + 1} of ${run.step.count}` : ''}… <Elapsed since={run.startedAt} />
            </>
          )}
          {run.phase === 'counting' && <>First {formatCount(run.firstRows.length)} rows shown · counting the rest… <Elapsed since={run.startedAt} /></>}
          {run.phase === 'done' && run.result && (
            <>
              {formatCount(run.result.totalRows)} {run.result.totalRows === 1 ? 'row' : 'rows'} · {formatDuration(run.result.elapsedMs)}
              {run.sort ? ` · sorted by ${run.sort.column}${run.sort.desc ? ' ↓' : ' ↑'}` : ''}
            </>
          )}
          {run.phase === 'cancelled' && 'Cancelled.'}
          {run.phase === 'failed' && 'Failed.'}
        </div>
        {hasColumns && (
          <div className="wb-results-tools">
            <div role="group" aria-label="Result view" className="wb-segmented">
              <button type="button" aria-pressed={view === 'grid'} onClick={() => onView('grid')}>
                Grid
              </button>
              <button type="button" aria-pressed={view === 'chart'} onClick={() => onView('chart')}>
                Chart
              </button>
            </div>
            {view === 'grid' && (
              <form
                className="wb-goto"
                onSubmit={(e) => {
                  e.preventDefault();
                  const n = Number(goTo.replaceAll(',', ''));
                  if (Number.isInteger(n) && n >= 1) grid.current?.goToRow(Math.min(n, totalRows) - 1);
                }}
              >
                <input aria-label="Go to row" placeholder="Row #" inputMode="numeric" value={goTo} onChange={(e) => setGoTo(e.target.value)} />
                <button type="submit" className="wb-small">
                  Go
                </button>
              </form>
            )}
            {view === 'grid' && (
              <button type="button" className="wb-small" onClick={() => void grid.current?.copySelection()} title="Copy the selected rows or cell as TSV (Ctrl/Cmd+C)">
                Copy
              </button>
            )}
            <button type="button" className="wb-small" disabled={resultId === null} onClick={() => setExporting(true)}>
              Export…
            </button>
            {view === 'chart' && resultId !== null && <PinToDashboard savedName={savedName} config={reconcileChartConfig(chart, run.columns)} />}
            {view === 'chart' && resultId !== null && unsaved && savedName !== undefined && (
              <span className="wb-note wb-pin-warning" role="note">
                A pinned tile runs {savedName}.sql as saved, without this tab’s edits: save first (Ctrl/Cmd+S).
              </span>
            )}
          </div>
        )}
      </div>
      {run.error && run.phase === 'failed' && (
        <div className="wb-error" role="alert">
          <pre>{run.error.message}</pre>
          <p className="muted">
            {where && (
              <button type="button" className="wb-link" onClick={onShowError}>
                {where}
              </button>
            )}
            {where ? ' · ' : ''}
            {ERROR_HINTS[run.error.code]}
          </p>
        </div>
      )}
      <Toast className="wb-announce" message={announced} onDone={() => setAnnounced(null)} />
      {hasColumns && view === 'grid' && (
        <ResultGrid
          key={run.runId}
          ref={grid}
          columns={run.columns}
          totalRows={totalRows}
          rows={rows}
          sort={run.sort}
          onSort={resultId === null ? null : onSort}
          fetchRange={fetchRange}
          onAnnounce={setAnnouncement}
        />
      )}
      {rows.error && <p className="error" role="alert">{rows.error.message}</p>}
      {hasColumns && view === 'chart' && <ResultChart resultId={resultId} columns={run.columns} config={chart} onConfig={onChart} />}
      {exporting && resultId !== null && (
        <ExportDialog resultId={resultId} name={title} orderBy={run.sort} totalRows={totalRows} onClose={() => setExporting(false)} />
      )}
    </div>
  );
}
