// The periods that need attention until resolved: failed dates, with their reason in full (a
// damaged local copy says so, and whether Apple can still send it), and finance months loaded
// unchecked because their file had no trailer to add up to.
import type { SalesProblem } from '../../../shared/sales';
import { countOf, formatCount } from '../sync/format';
import { kindNameOf } from './salesText';

/** A long list would bury the page: the first few, and how many more. */
const SHOWN = 20;

export function SalesProblems({ problems }: { problems: readonly SalesProblem[] }) {
  const failed = problems.filter((p) => p.state === 'failed').length;
  const unchecked = problems.length - failed;
  return (
    <div className="card" role="region" aria-label="Sales problems">
      <h2>Needs attention</h2>
      <p className="muted">{countOf(failed, 'failed period')}{unchecked ? `, ${countOf(unchecked, 'finance month')} loaded unchecked` : ''}.</p>
      <ul>
        {problems.slice(0, SHOWN).map((p) => (
          <li key={`${p.kind} ${p.reportDate}`} className={p.state === 'failed' ? 'error' : 'muted'}>
            <strong>{kindNameOf(p.kind)} {p.reportDate}</strong> · {p.state === 'failed' ? 'failed' : 'unchecked'}: {p.detail}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN && <p className="muted">…and {formatCount(problems.length - SHOWN)} more (see `orchard status --sales`).</p>}
    </div>
  );
}
