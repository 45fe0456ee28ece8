// The per-date outcome of one report kind as a calendar strip: loaded, a real zero, not yet
// published, gone or failed — so a missing day is never mistaken for a zero.
import type { SalesDateOutcome, SalesDateView } from '../../../shared/sales';
import { countOf, formatCount } from '../sync/format';
import { OUTCOMES, OUTCOME_TEXT } from './salesText';

export function SalesCalendar({ dates }: { dates: readonly SalesDateView[] }) {
  const sorted = [...dates].sort((a, b) => a.reportDate.localeCompare(b.reportDate));
  const counts = new Map<SalesDateOutcome, number>();
  for (const d of sorted) counts.set(d.outcome, (counts.get(d.outcome) ?? 0) + 1);
  return (
    <div className="sales-calendar-wrap">
      <ul className="sales-legend" aria-label="Legend">
        {OUTCOMES.map((o) => (
          <li key={o}><span className={`sales-cell outcome-${o}`} aria-hidden="true" /> {OUTCOME_TEXT[o]} ({formatCount(counts.get(o) ?? 0)})</li>
        ))}
      </ul>
      <ol className="sales-calendar" aria-label="Report dates">
        {sorted.map((d) => (
          <li
            key={d.reportDate}
            className={`sales-cell outcome-${d.outcome}`}
            data-outcome={d.outcome}
            title={`${d.reportDate}: ${OUTCOME_TEXT[d.outcome]}${d.rows !== null && d.outcome === 'loaded' ? ` · ${countOf(d.rows, 'row')}` : ''}${d.detail ? ` · ${d.detail}` : ''}`}
          >
            <span className="sr-only">{d.reportDate}: {OUTCOME_TEXT[d.outcome]}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
