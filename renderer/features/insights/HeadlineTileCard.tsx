// One headline number: value, change against the period before, a sparkline, how fresh it is,
// its meaning on hover and the SQL behind it one click away.
import type { HeadlineTile, MetricUnit } from '../../../shared/insights';
import { formatDay } from '../sync/format';
import { Sparkline } from './Sparkline';

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
  if (tile.changePercent === null) return 'no earlier data to compare';
  const sign = tile.changePercent > 0 ? '+' : '';
  return `${sign}${tile.changePercent.toFixed(1)}% vs previous period`;
}

/** "+4.2% vs a year ago"; null when the warehouse does not reach back a year. */
function yearAgoChange(tile: HeadlineTile): { text: string; tone: string } | null {
  if (tile.yearAgo === undefined) return null;
  const { changePercent } = tile.yearAgo;
  if (changePercent === null) return { text: 'no data a year ago to compare', tone: 'muted' };
  const sign = changePercent > 0 ? '+' : '';
  return { text: `${sign}${changePercent.toFixed(1)}% vs a year ago`, tone: changePercent < 0 ? 'down' : 'up' };
}

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
          <p className={`headline-change ${tile.changePercent === null ? 'muted' : tile.changePercent < 0 ? 'down' : 'up'}`}>{change(tile)}</p>
          {yearAgo && tile.yearAgo && (
            <p className={`headline-change ${yearAgo.tone}`} data-testid={`headline-${tile.id}-year-ago`}
              title={`${tile.yearAgo.window.from} to ${tile.yearAgo.window.to}: ${formatMetric(tile.yearAgo.value, tile.unit)}`}>
              {yearAgo.text}
            </p>
          )}
          <Sparkline points={tile.sparkline} label={`${tile.label} per day`} />
          <p className="muted headline-note">
            {tile.dataUpTo ? <>Data up to {formatDay(tile.dataUpTo)}</> : 'No data loaded yet'}
          </p>
        </>
      )}
      {tile.sql !== null && (
        <button type="button" className="link" onClick={() => onOpenSql(tile.sql as string)}>Open in SQL</button>
      )}
    </section>
  );
}
