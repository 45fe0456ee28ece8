// One card per report category: how many reports sync, what is downloaded or pending, and how
// fresh each report's data is (the newest date loaded).
import type { CategoryCard } from '../../../shared/browse';
import { formatCount, formatDay } from '../sync/format';
import { statusLook } from '../reports/reportText';

const DAY_MS = 86_400_000;

function freshness(newest: string | undefined): 'fresh' | 'aging' | 'old' | 'none' {
  if (!newest) return 'none';
  const age = (Date.now() - Date.parse(`${newest}T00:00:00Z`)) / DAY_MS;
  return age <= 4 ? 'fresh' : age <= 10 ? 'aging' : 'old';
}

export function CategoryCards({ cards, onOpenReport }: { cards: CategoryCard[]; onOpenReport: (name: string) => void }) {
  return (
    <div className="category-grid">
      {cards.map((c) => (
        <section key={c.category} className="card category-card" aria-label={c.label}>
          <h3>{c.label}</h3>
          <p className="muted">
            {c.selected} of {c.reports} report{c.reports === 1 ? '' : 's'} in sync · {formatCount(c.instancesDownloaded)} downloaded
            {c.instancesPending > 0 ? ` · ${formatCount(c.instancesPending)} pending` : ''}
          </p>
          <p className="freshness-line">
            {c.newestDate ? <>Data up to <strong>{formatDay(c.newestDate)}</strong> · {formatCount(c.rowsLoaded)} rows</> : <span className="muted">No data loaded yet</span>}
          </p>
          {c.freshness.length > 0 && (
            <ul className="freshness-list">
              {c.freshness.map((f) => (
                <li key={f.reportName}>
                  <span className={`dot fresh-${freshness(f.newestDate)}`} aria-hidden="true" />
                  <button type="button" className="link" onClick={() => onOpenReport(f.reportName)}>{f.reportName}</button>
                  <span className="muted" title={f.reason}>
                    {f.newestDate ? formatDay(f.newestDate) : statusLook(f.status).label}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
