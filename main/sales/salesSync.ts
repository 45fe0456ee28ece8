// One Sales and Trends sync for a vendor: for each kept report kind, the dates still to fetch are
// asked for (a few at a time); files are checked, kept on disk and loaded in batches, each date's
// outcome recorded. Version drift is recovered once per report type and remembered.

import { OrchardError } from '../../shared/errors';
import { salesKindKey, type SalesDateOutcome, type SalesReportKind } from '../../shared/sales';
import type { SalesApi, SalesFetchResult } from '../asc/salesReports';
import { SalesVersionError } from '../asc/salesReports';
import type { Logger } from '../logging/logger';
import type { SalesDateRecord, SalesLoadFile, SalesStore } from '../warehouse/sales';
import { datesToFetch, reportDates, type BackfillWindow, type ReportDate } from './salesDates';
import { checkSalesFile, saveSalesFile, salesFilePath } from './salesFileStore';
import type { SalesVersionBook } from './salesVersions';

const CONCURRENCY = 4;
/**
 * Files loaded per transaction: one read_csv over many small daily files is far faster than one
 * each (a year for 20 apps: 1.9× a bare read_csv in batches of 64, 1.3× in one batch of 365).
 */
const LOAD_BATCH = 400;

export interface SalesSyncDeps {
  client: SalesApi;
  store: SalesStore;
  versions: SalesVersionBook;
  dataDir: string;
  now: () => Date;
  logger: Logger;
  window?: BackfillWindow;
}

export interface SalesSyncProgress {
  kind: string;
  done: number;
  total: number;
  outcomes: Record<SalesDateOutcome, number>;
}

export interface SalesSyncSummary {
  vendorNumber: string;
  outcome: 'succeeded' | 'partial' | 'cancelled';
  outcomes: Record<SalesDateOutcome, number>;
  /** Dates whose file was new or changed and was loaded. */
  loadedFiles: number;
  errors: { kind: string; reportDate: string; message: string }[];
}

const zeroOutcomes = (): Record<SalesDateOutcome, number> => ({ 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 });

export async function syncSales(
  deps: SalesSyncDeps,
  input: { vendorNumber: string; kinds: readonly SalesReportKind[]; signal?: AbortSignal; onProgress?: (p: SalesSyncProgress) => void },
): Promise<SalesSyncSummary> {
  const outcomes = zeroOutcomes();
  const errors: SalesSyncSummary['errors'] = [];
  let loadedFiles = 0;
  const known = await deps.store.dates(input.vendorNumber);
  for (const kind of input.kinds) {
    if (input.signal?.aborted) break;
    const key = salesKindKey(kind);
    const mine = known.filter((r) => r.reportType === kind.reportType && r.reportSubType === kind.reportSubType && r.frequency === kind.frequency);
    const outcomeByDate = new Map(mine.map((r) => [r.reportDate, r.outcome]));
    const checksumByDate = new Map(mine.map((r) => [r.reportDate, r.outcome === 'loaded' ? r.fileChecksum : null]));
    const todo = datesToFetch(kind.frequency, reportDates(kind.frequency, deps.now(), deps.window), outcomeByDate);
    const progress: SalesSyncProgress = { kind: key, done: 0, total: todo.length, outcomes: zeroOutcomes() };
    const pendingFiles: SalesLoadFile[] = [];
    const pendingRecords: SalesDateRecord[] = [];
    const flush = async () => {
      const files = pendingFiles.splice(0);
      const records = pendingRecords.splice(0);
      if (files.length === 0 && records.length === 0) return;
      try {
        await deps.store.load(files, records, input.signal);
        loadedFiles += files.length;
      } catch (error) {
        if (input.signal?.aborted || files.length <= 1) throw error;
        // One bad file must not cost the batch: load them one by one, the bad one becomes an error.
        await deps.store.record(records.filter((r) => !files.some((f) => f.periodStart === r.periodStart)));
        for (const file of files) {
          const record = records.find((r) => r.periodStart === file.periodStart);
          if (record === undefined) continue;
          try {
            await deps.store.load([file], [record], input.signal);
            loadedFiles += 1;
          } catch (single) {
            if (input.signal?.aborted) throw single;
            const message = single instanceof Error ? single.message : String(single);
            errors.push({ kind: key, reportDate: record.reportDate, message });
            outcomes.loaded -= 1;
            outcomes.error += 1;
            await deps.store.record([{ ...record, outcome: 'error', detail: message.slice(0, 500) }]);
          }
        }
      }
    };
    const settle = async (record: SalesDateRecord, file?: SalesLoadFile) => {
      outcomes[record.outcome] += 1;
      progress.outcomes[record.outcome] += 1;
      progress.done += 1;
      pendingRecords.push(record);
      if (file) pendingFiles.push(file);
      input.onProgress?.({ ...progress, outcomes: { ...progress.outcomes } });
      if (pendingFiles.length >= LOAD_BATCH) await flush();
    };
    const one = async (date: ReportDate) => {
      const base = { vendorNumber: input.vendorNumber, ...kind, reportDate: date.reportDate, periodStart: date.periodStart, fetchedAt: deps.now() };
      try {
        const { result, version } = await fetchWithVersion(deps, input.vendorNumber, kind, date.reportDate, input.signal);
        if (result.kind !== 'file') return await settle({ ...base, version, outcome: result.kind, detail: result.detail });
        const checked = checkSalesFile(result.gzip);
        const relative = salesFilePath(input.vendorNumber, kind, date.reportDate, checked.checksum);
        const record: SalesDateRecord = { ...base, version, outcome: 'loaded', fileChecksum: checked.checksum, filePath: relative };
        // The same bytes as the loaded file: nothing to replace (the re-fetch of recent days).
        if (checksumByDate.get(date.reportDate) === checked.checksum) return await settle(record);
        const filePath = await saveSalesFile(deps.dataDir, relative, result.gzip);
        await settle(record, { ...base, version, checksum: checked.checksum, filePath, headers: checked.headers, dateFormat: checked.dateFormat });
      } catch (error) {
        if (input.signal?.aborted) return;
        if (error instanceof OrchardError && ['AUTH_FAILED', 'FORBIDDEN', 'DISK_FULL'].includes(error.code)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        errors.push({ kind: key, reportDate: date.reportDate, message });
        deps.logger.warn('sales.date_failed', { kind: key, reportDate: date.reportDate, message });
        await settle({ ...base, outcome: 'error', detail: message.slice(0, 500) });
      }
    };
    await runPool(todo, CONCURRENCY, one, input.signal);
    if (!input.signal?.aborted) await flush();
  }
  const outcome = input.signal?.aborted ? 'cancelled' : errors.length > 0 ? 'partial' : 'succeeded';
  return { vendorNumber: input.vendorNumber, outcome, outcomes, loadedFiles, errors };
}

async function fetchWithVersion(
  deps: SalesSyncDeps, vendorNumber: string, kind: SalesReportKind, reportDate: string, signal?: AbortSignal,
): Promise<{ result: SalesFetchResult; version: string }> {
  const version = deps.versions.versionFor(kind);
  try {
    return { result: await deps.client.fetchSalesReport({ ...kind, vendorNumber, reportDate, version }, { signal }), version };
  } catch (error) {
    if (!(error instanceof SalesVersionError) || error.latestVersion === version) throw error;
    // Apple named the version it wants: retry once with it and remember it for next time.
    deps.versions.learn(kind.reportType, error.latestVersion);
    deps.logger.info('sales.version_learned', { reportType: kind.reportType, from: version, to: error.latestVersion });
    const latest = error.latestVersion;
    return { result: await deps.client.fetchSalesReport({ ...kind, vendorNumber, reportDate, version: latest }, { signal }), version: latest };
  }
}

async function runPool<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
