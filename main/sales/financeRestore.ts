// Puts what a Finance folder's ledger says into the warehouse, with no call to Apple: per fiscal
// month the file it last loaded or fetched (checked against its checksum, then against its own
// trailer as any finance file) and its last outcome. Used by the finance sync (files a killed run
// fetched) and by the rebuild (every month's outcome restored exactly).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { SalesDateOutcome } from '../../shared/sales';
import type { SalesDateRecord, SalesStore } from '../warehouse/sales';
import type { LedgerPeriod } from './salesLedgerFile';
import { checkFinanceFile } from './salesFileStore';
import { damagedCopyText, type RestoreSummary } from './salesRestore';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function restoreFinanceFolder(
  deps: { store: Pick<SalesStore, 'loadFinance' | 'record'>; dataDir: string; signal?: AbortSignal },
  input: {
    vendorNumber: string; reportType: 'FINANCIAL' | 'FINANCE_DETAIL'; regionCode: string; periods: ReadonlyMap<string, LedgerPeriod>;
    adopt: (reportDate: string, period: LedgerPeriod) => boolean; detail: string;
  },
): Promise<RestoreSummary> {
  const summary: RestoreSummary = { outcomes: { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 }, filesLoaded: 0, rows: 0, failures: [] };
  const count = (outcome: SalesDateOutcome) => (summary.outcomes[outcome] += 1);
  for (const [fiscalMonth, period] of input.periods) {
    if (!input.adopt(fiscalMonth, period)) continue;
    if (deps.signal?.aborted) throw new OrchardError('CANCELLED', 'Stopped before every kept finance file was loaded.');
    const last = period.last;
    const base: SalesDateRecord = {
      vendorNumber: input.vendorNumber, reportType: input.reportType, reportSubType: input.regionCode, frequency: 'FISCAL_MONTH',
      reportDate: fiscalMonth, periodStart: last.periodStart, outcome: 'loaded', fetchedAt: new Date(last.at),
    };
    const lastWord: SalesDateRecord | undefined = last.outcome === 'loaded' || last.outcome === 'fetched' ? undefined
      : { ...base, outcome: last.outcome, ...(last.detail ? { detail: last.detail } : {}) };
    const file = period.file;
    if (file !== undefined) {
      let stage = 'check';
      try {
        const checked = await checkFinanceFile(await readFile(path.join(deps.dataDir, file.file)), 'kept');
        if (checked.checksum !== file.checksum) throw new OrchardError('CHECKSUM_MISMATCH', 'it no longer matches its checksum');
        stage = 'load';
        const loaded = await deps.store.loadFinance(
          { vendorNumber: input.vendorNumber, reportType: input.reportType, regionCode: input.regionCode, fiscalMonth, checksum: checked.checksum, fetchedAt: new Date(file.at), filePath: path.join(deps.dataDir, file.file), headers: checked.headers },
          { ...base, fetchedAt: new Date(file.at), detail: input.detail, fileChecksum: checked.checksum, filePath: file.file }, deps.signal,
        );
        summary.filesLoaded += 1;
        summary.rows += loaded.rows;
        if (!lastWord) count('loaded');
      } catch (error) {
        if (deps.signal?.aborted || (error instanceof OrchardError && error.code === 'DISK_FULL')) throw error;
        // A file that reads whole but disagrees with its trailer is Apple's; one that does not read is the local copy.
        const message = stage === 'check' ? damagedCopyText(file.file, messageOf(error), undefined) : messageOf(error);
        summary.failures.push({ file: file.file, message });
        await deps.store.record([{ ...base, outcome: 'error', detail: message.slice(0, 500) }]);
        count('error');
        continue;
      }
    }
    if (lastWord) {
      await deps.store.record([lastWord]);
      count(lastWord.outcome);
    }
  }
  return summary;
}
