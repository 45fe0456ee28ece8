// One Finance sync for a vendor: FINANCIAL for the chosen regions (default ZZ, all regions in one
// file) and optionally FINANCE_DETAIL (Z1), for every Apple fiscal month that has ended. Each file
// is loaded in its own transaction and must add up to its trailer; a refused file is an error
// outcome with the difference named, and is asked for again next time.

import { OrchardError } from '../../shared/errors';
import type { SalesDateOutcome } from '../../shared/sales';
import type { FinanceApi } from '../asc/financeReports';
import type { Logger } from '../logging/logger';
import { FISCAL_MONTHS } from '../warehouse/sales/salesCatalogue';
import type { SalesDateRecord, SalesStore } from '../warehouse/sales';
import { checkFinanceFile, saveSalesFile, salesFilePath } from './salesFileStore';

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

export async function syncFinance(
  deps: FinanceSyncDeps,
  input: { vendorNumber: string; regions?: readonly string[]; detail?: boolean; signal?: AbortSignal },
): Promise<FinanceSyncSummary> {
  const today = deps.now().toISOString().slice(0, 10);
  const ended = FISCAL_MONTHS.filter(([, , last]) => last < today).slice(-(deps.months ?? 12)).reverse();
  const known = new Map((await deps.store.dates(input.vendorNumber)).map((r) => [`${r.reportType}/${r.reportSubType}/${r.reportDate}`, r.outcome]));
  const jobs = [
    ...(input.regions ?? ['ZZ']).map((region) => ({ reportType: 'FINANCIAL' as const, region })),
    ...(input.detail ? [{ reportType: 'FINANCE_DETAIL' as const, region: 'Z1' }] : []),
  ];
  const summary: FinanceSyncSummary = { outcomes: { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 }, errors: [] };
  for (const job of jobs) {
    for (const [fiscalMonth, periodStart] of ended) {
      if (input.signal?.aborted) return summary;
      const settled = known.get(`${job.reportType}/${job.region}/${fiscalMonth}`);
      if (settled === 'loaded' || settled === 'gone') continue;
      const base: SalesDateRecord = {
        vendorNumber: input.vendorNumber, reportType: job.reportType, reportSubType: job.region, frequency: 'FISCAL_MONTH',
        reportDate: fiscalMonth, periodStart, outcome: 'error', fetchedAt: deps.now(),
      };
      try {
        const result = await deps.client.fetchFinanceReport({ vendorNumber: input.vendorNumber, reportType: job.reportType, regionCode: job.region, reportDate: fiscalMonth }, { signal: input.signal });
        if (result.kind !== 'file') {
          await deps.store.record([{ ...base, outcome: result.kind, detail: result.detail }]);
          summary.outcomes[result.kind] += 1;
          continue;
        }
        const { checksum, headers } = checkFinanceFile(result.gzip);
        const relative = salesFilePath(input.vendorNumber, { reportType: job.reportType, reportSubType: job.region, frequency: 'MONTHLY' }, fiscalMonth, checksum);
        const filePath = await saveSalesFile(deps.dataDir, relative, result.gzip);
        await deps.store.loadFinance(
          { vendorNumber: input.vendorNumber, reportType: job.reportType, regionCode: job.region, fiscalMonth, checksum, fetchedAt: base.fetchedAt, filePath, headers },
          { ...base, outcome: 'loaded', fileChecksum: checksum, filePath: relative },
          input.signal,
        );
        summary.outcomes.loaded += 1;
      } catch (error) {
        if (input.signal?.aborted) return summary;
        if (error instanceof OrchardError && ['AUTH_FAILED', 'FORBIDDEN', 'DISK_FULL'].includes(error.code)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        summary.errors.push({ region: job.region, fiscalMonth, message });
        summary.outcomes.error += 1;
        deps.logger.warn('finance.month_failed', { region: job.region, fiscalMonth, message });
        await deps.store.record([{ ...base, detail: message.slice(0, 500) }]);
      }
    }
  }
  return summary;
}
