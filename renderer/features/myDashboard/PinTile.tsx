// One tile of My dashboard: the pinned query's chart under the shared controls, the parameters it
// takes from them (and the dates `:from`/`:to` became), its rows, "Open in SQL" (the exact statement that ran), and the layout actions
// (move up / down, wide / normal, remove) as plain buttons, so the keyboard reaches all of them.
import type { DashboardControls } from '../../../shared/dashboards';
import { ERROR_HINTS } from '../../../shared/errors';
import type { PinSize, PinView } from '../../../shared/pins';
import { ChartCanvas } from '../workbench/ChartCanvas';
import { PinRows } from './PinRows';
import { PinWindowNote } from './PinWindowNote';
import { usePinRun } from './usePinRun';

export interface PinTileActions {
  onMove: (pin: PinView, position: number) => void;
  onResize: (pin: PinView, size: PinSize) => void;
  onRemove: (pin: PinView) => void;
  openInWorkbench: (sql: string) => void;
}

interface PinTileProps extends PinTileActions {
  pin: PinView;
  index: number;
  count: number;
  controls: DashboardControls;
  /** Bumped to run every tile again (after a sync). */
  version: number;
}

function parameterNote(pin: PinView): string {
  if (pin.parameters.length === 0) return 'Declares no parameters: the controls above do not change it.';
  return `Filled from the controls above: ${pin.parameters.map((p) => `:${p}`).join(', ')}.`;
}

export function PinTile({ pin, index, count, controls, version, onMove, onResize, onRemove, openInWorkbench }: PinTileProps) {
  const run = usePinRun(pin.id, controls, version);
  const { result, error } = run;
  const headingId = `pin-title-${pin.id}`;
  return (
    <section className={`card pin-tile pin-${pin.size}`} aria-labelledby={headingId} data-pin={pin.id} aria-busy={run.running}>
      <header className="pin-head">
        <h3 id={headingId} title={`Saved query “${pin.queryName}”`}>{pin.title}</h3>
        <div className="pin-actions" role="group" aria-label={`Arrange ${pin.title}`}>
          <button type="button" className="wb-small" disabled={index === 0} onClick={() => onMove(pin, index - 1)} aria-label={`Move ${pin.title} up`}>
            ↑
          </button>
          <button type="button" className="wb-small" disabled={index === count - 1} onClick={() => onMove(pin, index + 1)} aria-label={`Move ${pin.title} down`}>
            ↓
          </button>
          <button type="button" className="wb-small" aria-pressed={pin.size === 'wide'} onClick={() => onResize(pin, pin.size === 'wide' ? 'normal' : 'wide')}>
            Wide
          </button>
          <button type="button" className="wb-small" onClick={() => onRemove(pin)} aria-label={`Remove ${pin.title} from My dashboard`}>
            Remove
          </button>
        </div>
      </header>
      <p className="muted pin-note">
        {pin.missing ? `The saved query “${pin.queryName}” no longer exists.` : <>From “{pin.queryName}”. {parameterNote(pin)}</>}
      </p>
      {error ? (
        <div className="pin-error" role="alert">
          <p className="error">{error.message}</p>
          <p className="muted">{ERROR_HINTS[error.code]}</p>
        </div>
      ) : result === null ? (
        <p className="wb-note" role="status">Running…</p>
      ) : (
        <>
          {result.window && <PinWindowNote placed={result.window} />}
          {result.chart ? (
            <div className="wb-chart pin-chart">
              <ChartCanvas data={result.chart} kind={pin.chart.kind} />
            </div>
          ) : (
            <p className="error" role="alert">{result.chartError ?? 'No chart.'}</p>
          )}
          <p className="muted pin-note" role="status">
            {run.running ? 'Updating… · ' : ''}
            {result.totalRows.toLocaleString('en-US')} {result.totalRows === 1 ? 'row' : 'rows'} · {result.elapsedMs.toLocaleString('en-US')} ms
          </p>
          <PinRows result={result} title={pin.title} />
          <button type="button" className="link" onClick={() => openInWorkbench(result.sql)}>
            Open in SQL
          </button>
        </>
      )}
    </section>
  );
}
