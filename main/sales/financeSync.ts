// One Finance sync for a vendor: FINANCIAL for the chosen regions (default ZZ, all regions in one
// file) and optionally FINANCE_DETAIL (Z1), for every Apple fiscal month that has ended. Each file
// is loaded in its own transaction and must add up to its trailer; a refused file is an error
// outcome with the difference named, and is asked for again next time. A file with no trailer is
// loaded and marked unchecked. Every event goes to the ledger beside the kept files, as for sales.

import { OrchardError } from '../../shared/errors';
import type { SalesDateOutcome } from '../../shared/sales';
import type { FinanceApi } from '../asc/financeReports';
import type { Logger } from '../logging/logger';
import { FISCAL_MONTHS } from '../warehouse/sales/salesCatalogue';
import type { SalesDateRecord, SalesStore } from '../warehouse/sales';
import { restoreFinanceFolder } from './financeRestore';
import { checkFinanceFile, saveSalesFile, salesFilePath } from './salesFileStore';
import { appendLedger, readLedger, type LedgerEntry } from './salesLedgerFile';

export interface FinanceSyncDeps {
  client: FinanceApi;
  store: SalesStore;
  dataDir: string;
  now: () => Date;
  logger: Logger;
  /** Fiscal months to look back (default 12). */
  months?: number;
}

export interface FinanceSyncSummary {
  outcomes: Record<SalesDateOutcome, number>;
  errors: { region: string; fiscalMonth: string; message: string }[];
}

export const financeFolder = (reportType: string, region: string) => `${reportType}_${region}_MONTHLY`;

const entryOf = (r: SalesDateRecord, outcome: LedgerEntry['outcome'] = r.outcome): LedgerEntry => ({
  reportDate: r.reportDate, periodStart: r.periodStart, outcome, at: r.fetchedAt.toISOString(),
  ...(r.detail ? { detail: r.detail.slice(0, 500) } : {}), ...(r.fileChecksum ? { checksum: r.fileChecksum } : {}), ...(r.filePath ? { file: r.filePath } : {}),
});

export async function syncFinance(
  deps: FinanceSyncDeps,
  input: { vendorNumber: string; regions?: readonly string[]; detail?: boolean; signal?: AbortSignal },
): Promise<FinanceSyncSummary> {
  const today = deps.now().toISOString().slice(0, 10);
  const ended = FISCAL_MONTHS.filter(([, , last]) => last < today).slice(-(deps.months ?? 12)).reverse();
  const jobs = [
    ...(input.regions ?? ['ZZ']).map((region) => ({ reportType: 'FINANCIAL' as const, region })),
    ...(input.detail ? [{ reportType: 'FINANCE_DETAIL' as const, region: 'Z1' }] : []),
  ];
  const summary: FinanceSyncSummary = { outcomes: { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 }, errors: [] };
  let known = await deps.store.dates(input.vendorNumber);
  for (const job of jobs) {
    const folder = financeFolder(job.reportType, job.region);
    const log = (entries: LedgerEntry[]) => appendLedger(deps.dataDir, input.vendorNumber, folder, entries);
    const ledger = await readLedger(deps.dataDir, input.vendorNumber, folder);
    if (ledger !== undefined) {
      // Months a killed run fetched but never loaded, or never recorded, come from the ledger first.
      const held = new Set(known.filter((r) => r.reportType === job.reportType && r.reportSubType === job.region).map((r) => r.reportDate));
      const resumed = await restoreFinanceFolder({ store: deps.store, dataDir: deps.dataDir, ...(input.signal ? { signal: input.signal } : {}) }, {
        vendorNumber: input.vendorNumber, reportType: job.reportType, regionCode: job.region, periods: ledger,
        detail: 'loaded from the file kept before the run stopped', adopt: (date, period) => !held.has(date) || period.last.outcome === 'fetched',
      });
      if (resumed.filesLoaded > 0) {
        await log([...ledger.values()].filter((p) => p.last.outcome === 'fetched' && p.file).map((p) => ({ ...p.file!, outcome: 'loaded' as const, at: deps.now().toISOString() })));
        known = await deps.store.dates(input.vendorNumber);
      }
    }
    const settled = new Map(known.filter((r) => r.reportType === job.reportType && r.reportSubType === job.region).map((r) => [r.reportDate, r.outcome]));
    for (const [fiscalMonth, periodStart] of ended) {
      if (input.signal?.aborted) return summary;
      const outcome = settled.get(fiscalMonth);
      if (outcome === 'loaded' || outcome === 'gone') continue;
      const base: SalesDateRecord = {
        vendorNumber: input.vendorNumber, reportType: job.reportType, reportSubType: job.region, frequency: 'FISCAL_MONTH',
        reportDate: fiscalMonth, periodStart, outcome: 'error', fetchedAt: deps.now(),
      };
      try {
        const result = await deps.client.fetchFinanceReport({ vendorNumber: input.vendorNumber, reportType: job.reportType, regionCode: job.region, reportDate: fiscalMonth }, { signal: input.signal });
        if (result.kind !== 'file') {
          const record = { ...base, outcome: result.kind, detail: result.detail };
          await log([entryOf(record)]);
          await deps.store.record([record]);
          summary.outcomes[result.kind] += 1;
          continue;
        }
        const { checksum, headers } = await checkFinanceFile(result.gzip);
        const relative = salesFilePath(input.vendorNumber, { reportType: job.reportType, reportSubType: job.region, frequency: 'MONTHLY' }, fiscalMonth, checksum);
        const filePath = await saveSalesFile(deps.dataDir, relative, result.gzip);
        const record: SalesDateRecord = { ...base, outcome: 'loaded', fileChecksum: checksum, filePath: relative };
        await log([entryOf(record, 'fetched')]);
        await deps.store.loadFinance(
          { vendorNumber: input.vendorNumber, reportType: job.reportType, regionCode: job.region, fiscalMonth, checksum, fetchedAt: base.fetchedAt, filePath, headers },
          record, input.signal,
        );
        await log([entryOf(record)]);
        summary.outcomes.loaded += 1;
      } catch (error) {
        if (input.signal?.aborted) return summary;
        if (error instanceof OrchardError && ['AUTH_FAILED', 'FORBIDDEN', 'DISK_FULL', 'RATE_LIMITED'].includes(error.code)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        summary.errors.push({ region: job.region, fiscalMonth, message });
        summary.outcomes.error += 1;
        deps.logger.warn('finance.month_failed', { region: job.region, fiscalMonth, message });
        const record = { ...base, detail: message.slice(0, 500) };
        await log([entryOf(record)]);
        await deps.store.record([record]);
      }
    }
  }
  return summary;
}
