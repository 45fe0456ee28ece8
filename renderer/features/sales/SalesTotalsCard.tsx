// Proceeds and first-time downloads of the last 30 days per currency, with "data up to" and the
// days Apple has not published yet named — those are gaps, not zeros.
import type { SalesTotals } from '../../../shared/sales';
import { money } from './salesText';

export function SalesTotalsCard({ totals }: { totals: SalesTotals }) {
  return (
    <div className="card" aria-label="Proceeds by currency">
      <h2>Last 30 days</h2>
      <p className="muted">
        {totals.from} to {totals.to}
        {totals.dataUpTo ? ` · data up to ${totals.dataUpTo}` : ' · no daily sales loaded yet'}
        {totals.notYetDays.length > 0 ? ` · not published yet: ${totals.notYetDays.join(', ')}` : ''}
      </p>
      {totals.currencies.length === 0 ? (
        <p className="muted">No sales rows in this range.</p>
      ) : (
        <table className="table">
          <thead><tr><th>Currency</th><th>Proceeds (estimated, in that currency)</th><th>First-time downloads</th></tr></thead>
          <tbody>
            {totals.currencies.map((c) => (
              <tr key={c.currency}><td>{c.currency}</td><td>{money(c.proceeds, c.currency)}</td><td>{Number(c.downloads).toLocaleString('en-US')}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Each currency is its own total: Orchard never adds money in different currencies (see sales.daily_converted with your own rates).</p>
    </div>
  );
}
