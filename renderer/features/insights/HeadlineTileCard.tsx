// One headline number: value, change against the period before (only when both windows are covered
// by every app's data; else both values and why), a sparkline, the days it covers,
// its meaning on hover and the SQL behind it one click away.
import type { HeadlineTile, MetricUnit } from '../../../shared/insights';
import { formatDay } from '../sync/format';
import { Sparkline } from './Sparkline';
import { yearAgoChange } from './yearAgoChange';

export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'usd':
      return value.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
    case 'percent':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
    case 'per1000':
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    default:
      return value.toLocaleString('en-US');
  }
}

function change(tile: HeadlineTile): string {
  // Windows not covered alike: both values, no percentage (compareNote says why).
  if (tile.compareNote !== null) return `${formatMetric(tile.previous, tile.unit)} in the ${windowDays(tile)} days before`;
  if (tile.changePercent === null) return 'no earlier data to compare';
  const sign = tile.changePercent > 0 ? '+' : '';
  return `${sign}${tile.changePercent.toFixed(1)}% vs previous period`;
}

const windowDays = (tile: HeadlineTile) =>
  Math.round((Date.parse(`${tile.window.to}T00:00:00Z`) - Date.parse(`${tile.window.from}T00:00:00Z`)) / 86_400_000) + 1;

export function HeadlineTileCard({ tile, onOpenSql }: { tile: HeadlineTile; onOpenSql: (sql: string) => void }) {
  const yearAgo = yearAgoChange(tile);
  const hint = tile.unavailable ? `${tile.meaning}\n\n${tile.unavailable}` : tile.meaning;
  return (
    <section className="card headline-tile" aria-label={tile.label} data-metric={tile.id}>
      <h3 title={hint}>{tile.label}</h3>
      <p className="headline-value" data-testid={`headline-${tile.id}`}>{formatMetric(tile.value, tile.unit)}</p>
      {tile.unavailable ? (
        <p className="muted headline-note">Not a total Apple publishes</p>
      ) : (
        <>
          <p className={`headline-change ${tile.changePercent === null ? 'muted' : tile.changePercent < 0 ? 'down' : 'up'}`} data-testid={`headline-${tile.id}-change`}>{change(tile)}</p>
          {tile.compareNote && <p className="muted headline-note" role="note" data-testid={`headline-${tile.id}-compare-note`}>{tile.compareNote}</p>}
          {yearAgo && tile.yearAgo && (
            <p className={`headline-change ${yearAgo.tone}`} data-testid={`headline-${tile.id}-year-ago`}
              title={`${tile.yearAgo.window.from} to ${tile.yearAgo.window.to}: ${formatMetric(tile.yearAgo.value, tile.unit)}`}>
              {yearAgo.text}
            </p>
          )}
          <Sparkline points={tile.sparkline} label={`${tile.label} per day`} />
          <p className="muted headline-note">
            {tile.dataUpTo ? <span data-testid={`headline-${tile.id}-window`}>{windowDays(tile)} days to {formatDay(tile.window.to)}</span> : 'No data loaded yet'}
          </p>
          {tile.lagNotes.map((note) => <p key={note} className="muted headline-note">{note}</p>)}
        </>
      )}
      {tile.sql !== null && (
        <button type="button" className="link" onClick={() => onOpenSql(tile.sql as string)}>Open in SQL</button>
      )}
    </section>
  );
}
