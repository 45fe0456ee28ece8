// One dashboard tile: its title (Apple's meaning on hover or focus), its chart or its loading,
// empty, error or cancelled state, how fresh and final its numbers are, and its exports.
import { useId, useRef } from 'react';
import type { TileDefinition } from '../../../shared/dashboards';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { DataTable } from './charts/DataTable';
import { TileChart, legendOf } from './charts/TileChart';
import { TileActions } from './TileActions';
import { TileNotes } from './TileNotes';
import type { TileRun } from './useTileRequests';

function Legend({ entries }: { entries: ReturnType<typeof legendOf> }) {
  if (entries.length === 0) return null;
  return (
    <ul className="tile-legend" aria-label="Legend">
      {entries.map((e) => (
        <li key={e.label}><span className={e.dashed ? 'swatch swatch-dashed' : 'swatch'} style={{ color: e.colour }} />{e.label}</li>
      ))}
    </ul>
  );
}

export function TileCard({ tile, run, onRetry, openInWorkbench }: { tile: TileDefinition; run: TileRun | undefined; onRetry: () => void; openInWorkbench: (sql: string) => void }) {
  const meaningId = useId();
  const body = useRef<HTMLDivElement>(null);
  const status = run?.status ?? 'loading';
  const result = status === 'error' || status === 'cancelled' ? undefined : run?.result;
  const legend = result ? legendOf(tile, result) : [];
  return (
    <section className={`card dash-tile dash-tile-${tile.chart}`} aria-label={tile.title} data-tile={tile.id} data-state={status} aria-busy={status === 'loading'}>
      <header className="tile-head">
        <h3>
          <span className="tile-title" tabIndex={0} aria-describedby={meaningId}>{tile.title}</span>
          <span role="tooltip" id={meaningId} className="tile-tooltip">{tile.meaning}</span>
        </h3>
        {status === 'loading' && result && <span className="badge">Updating…</span>}
      </header>
      {tile.uniqueNote && <p className="tile-unique muted">{tile.uniqueNote}</p>}
      <div className="tile-body" ref={body}>
        {status === 'error' && run?.error ? (
          <ErrorState error={run.error} onRetry={onRetry} />
        ) : status === 'cancelled' ? (
          <EmptyState title="Cancelled" action={<button type="button" onClick={onRetry}>Run again</button>}>This tile stopped before it finished.</EmptyState>
        ) : result === undefined ? (
          <Loading label={`Computing ${tile.title.toLowerCase()}…`} />
        ) : result.rows.length === 0 ? (
          <EmptyState title="No data for these controls">Try a longer range, fewer filters, or sync this app's reports.</EmptyState>
        ) : (
          <>
            <TileChart tile={tile} result={result} />
            <Legend entries={legend} />
            {tile.chart !== 'table' && <DataTable columns={result.columns} rows={result.rows} label={`${tile.title} data`} hidden />}
          </>
        )}
      </div>
      {result && (
        <>
          <TileNotes result={result} />
          <TileActions tile={tile} result={result} chartHost={() => body.current} legend={legend} openInWorkbench={openInWorkbench} />
        </>
      )}
    </section>
  );
}
