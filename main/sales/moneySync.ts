// One money sync as the app and the CLI both run it: the kept Sales and Trends reports, then (if
// asked) the Finance months, with their outcomes and problems added up into one result.

import type { SalesDateOutcome, SalesReportKind } from '../../shared/sales';
import type { FinanceApi } from '../asc/financeReports';
import type { SalesApi } from '../asc/salesReports';
import { syncFinance } from './financeSync';
import { syncSales, type SalesSyncDeps, type SalesSyncProgress } from './salesSync';

export interface MoneySyncResult {
  outcome: 'succeeded' | 'partial' | 'cancelled';
  outcomes: Record<SalesDateOutcome, number>;
  /** Sales dates whose file was new or changed and was loaded. */
  loadedFiles: number;
  /** `what` names the report and date (`SALES/SUMMARY/DAILY 2025-03-01`, `FINANCIAL ZZ 2025-01`). */
  errors: { what: string; message: string }[];
}

export async function syncMoney(
  deps: Omit<SalesSyncDeps, 'client'> & { client: SalesApi & FinanceApi },
  input: {
    vendorNumber: string;
    kinds: readonly SalesReportKind[];
    finance: boolean;
    signal: AbortSignal;
    onProgress?: (p: SalesSyncProgress) => void;
    onFinanceStart?: () => void;
  },
): Promise<MoneySyncResult> {
  const sales = await syncSales(deps, { vendorNumber: input.vendorNumber, kinds: input.kinds, signal: input.signal, ...(input.onProgress ? { onProgress: input.onProgress } : {}) });
  const errors = sales.errors.map((e) => ({ what: `${e.kind} ${e.reportDate}`, message: e.message }));
  const outcomes = { ...sales.outcomes };
  if (input.finance && !input.signal.aborted) {
    input.onFinanceStart?.();
    const money = await syncFinance(deps, { vendorNumber: input.vendorNumber, signal: input.signal });
    for (const [k, n] of Object.entries(money.outcomes)) outcomes[k as SalesDateOutcome] += n;
    errors.push(...money.errors.map((e) => ({ what: `FINANCIAL ${e.region} ${e.fiscalMonth}`, message: e.message })));
  }
  const outcome = input.signal.aborted ? 'cancelled' : errors.length ? 'partial' : 'succeeded';
  return { outcome, outcomes, loadedFiles: sales.loadedFiles, errors };
}
