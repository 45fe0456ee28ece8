// One money sync as the app and the CLI both run it: the kept Sales and Trends reports, then (if
// asked) the Finance months, with their outcomes and problems added up into one result. Each part
// is independent: a Sales kind that fails is named and the rest goes on, and Finance runs when
// asked whatever Sales did (only a cancel, a rejected key or a full disk stop the whole run).

import { OrchardError } from '../../shared/errors';
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
  /** Files fetched and kept on disk but not loaded when the run stopped: the next run loads them without asking Apple. */
  keptNotLoaded: number;
  /** `what` names the report and date (`SALES/SUMMARY/DAILY 2025-03-01`, `FINANCIAL ZZ 2025-01`). */
  errors: { what: string; message: string }[];
}

const STOPS_EVERYTHING = new Set(['AUTH_FAILED', 'DISK_FULL']);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function syncMoney(
  deps: Omit<SalesSyncDeps, 'client'> & { client: SalesApi & FinanceApi; financeMonths?: number },
  input: {
    vendorNumber: string;
    kinds: readonly SalesReportKind[];
    finance: boolean;
    signal: AbortSignal;
    onProgress?: (p: SalesSyncProgress) => void;
    onFinanceStart?: () => void;
  },
): Promise<MoneySyncResult> {
  const outcomes: Record<SalesDateOutcome, number> = { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 };
  const errors: MoneySyncResult['errors'] = [];
  let loadedFiles = 0;
  let keptNotLoaded = 0;
  try {
    const sales = await syncSales(deps, { vendorNumber: input.vendorNumber, kinds: input.kinds, signal: input.signal, ...(input.onProgress ? { onProgress: input.onProgress } : {}) });
    errors.push(...sales.errors.map((e) => ({ what: `${e.kind}${e.reportDate ? ` ${e.reportDate}` : ''}`, message: e.message })));
    for (const [k, n] of Object.entries(sales.outcomes)) outcomes[k as SalesDateOutcome] += n;
    loadedFiles = sales.loadedFiles;
    keptNotLoaded = sales.keptNotLoaded;
  } catch (error) {
    if (input.signal.aborted || (error instanceof OrchardError && STOPS_EVERYTHING.has(error.code))) throw error;
    errors.push({ what: 'Sales and Trends', message: messageOf(error) });
  }
  if (input.finance && !input.signal.aborted) {
    input.onFinanceStart?.();
    try {
      const money = await syncFinance({ ...deps, ...(deps.financeMonths ? { months: deps.financeMonths } : {}) }, { vendorNumber: input.vendorNumber, signal: input.signal });
      for (const [k, n] of Object.entries(money.outcomes)) outcomes[k as SalesDateOutcome] += n;
      errors.push(...money.errors.map((e) => ({ what: `FINANCIAL ${e.region} ${e.fiscalMonth}`, message: e.message })));
    } catch (error) {
      if (input.signal.aborted || (error instanceof OrchardError && STOPS_EVERYTHING.has(error.code))) throw error;
      const forbidden = error instanceof OrchardError && error.code === 'FORBIDDEN';
      errors.push({ what: 'FINANCE', message: forbidden ? 'This key cannot read Finance reports: they need the Finance or Admin role (or the Account Holder). Sales and Trends were synced.' : messageOf(error) });
    }
  }
  const outcome = input.signal.aborted ? 'cancelled' : errors.length ? 'partial' : 'succeeded';
  return { outcome, outcomes, loadedFiles, keptNotLoaded, errors };
}
