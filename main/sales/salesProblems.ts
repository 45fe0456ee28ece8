// The periods a person should know about until they are resolved, for `status --sales` and the
// Sales page alike: failed dates (with their reason: a damaged local copy says so, and whether
// Apple can still send it) and finance months loaded without a trailer to check them against.

import type { SalesProblem } from '../../shared/sales';
import { UNCHECKED_FINANCE } from '../warehouse/sales';
import type { SalesDateRow } from '../warehouse/sales';

const kindOf = (r: SalesDateRow) => (r.frequency === 'FISCAL_MONTH' ? `${r.reportType}/${r.reportSubType}` : `${r.reportType}/${r.reportSubType}/${r.frequency}`);

export function salesProblems(rows: readonly SalesDateRow[]): SalesProblem[] {
  return rows.flatMap((r): SalesProblem[] => {
    if (r.outcome === 'error') return [{ kind: kindOf(r), reportDate: r.reportDate, state: 'failed', detail: r.detail ?? 'failed' }];
    if (r.outcome === 'loaded' && r.detail?.includes(UNCHECKED_FINANCE)) return [{ kind: kindOf(r), reportDate: r.reportDate, state: 'unchecked', detail: UNCHECKED_FINANCE }];
    return [];
  });
}
