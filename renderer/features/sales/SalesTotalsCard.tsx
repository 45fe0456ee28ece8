// Proceeds and first-time downloads per currency over the last N days Apple has published, for
// all apps or the one picked: the window ends at the newest published day and says so, and the
// days not published yet or missing are named as gaps — never added in as zeros, never summed
// across currencies.
import type { SalesTotals } from '../../../shared/sales';
import { formatCount } from '../sync/format';
import { dayList, money, windowText } from './salesText';

export function SalesTotalsCard({ totals, appId, onPickApp }: {
  totals: SalesTotals;
  /** The app picked, or undefined for all apps. */
  appId: string | undefined;
  onPickApp: (appId: string | undefined) => void;
}) {
  // The heading names the app the numbers below are for (the picker may be a step ahead of them).
  const shown = totals.appId;
  const scope = shown === undefined ? 'All apps' : totals.apps.find((a) => a.appId === shown)?.name ?? `App ${shown}`;
  const hasWindow = totals.to !== undefined;
  return (
    <div className="card" role="region" aria-label="Proceeds by currency">
      <div className="toolbar">
        <h2>Last {formatCount(totals.days)} days · {scope}</h2>
        {totals.apps.length > 0 && (
          <label className="inline-field">
            App{' '}
            <select aria-label="App" value={appId ?? ''} onChange={(e) => onPickApp(e.target.value === '' ? undefined : e.target.value)}>
              <option value="">All apps ({formatCount(totals.apps.length)})</option>
              {totals.apps.map((a) => <option key={a.appId} value={a.appId}>{a.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <p className="muted" aria-label="Sales window">{windowText(totals)}</p>
      {totals.notYetDays.length > 0 && (
        <p className="muted" aria-label="Days not published yet">Not published yet: {dayList(totals.notYetDays)} — gaps, not zeros; the next sync asks again.</p>
      )}
      {totals.missingDays.length > 0 && (
        <p className="muted" aria-label="Days missing">Missing (failed, or not synced yet): {dayList(totals.missingDays)} — gaps, not zeros; the next sync asks again.</p>
      )}
      {!hasWindow ? null : totals.currencies.length === 0 ? (
        <p className="muted">No sales{shown === undefined ? '' : ` for ${scope}`} in these {formatCount(totals.days)} days.</p>
      ) : (
        <table className="table">
          <thead><tr><th>Currency</th><th>Proceeds (estimated, in that currency)</th><th>First-time downloads</th></tr></thead>
          <tbody>
            {totals.currencies.map((c) => (
              <tr key={c.currency}><td>{c.currency}</td><td>{money(c.proceeds, c.currency)}</td><td>{formatCount(Number(c.downloads))}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        {shown === undefined ? `Covers every app of the team${totals.apps.length ? ` (${formatCount(totals.apps.length)})` : ''}; pick one above. ` : ''}
        Each currency is its own total: Orchard never adds money in different currencies (see sales.daily_converted with your own rates).
      </p>
    </div>
  );
}
