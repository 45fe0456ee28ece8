// One Sales and Trends sync for a vendor: for each kept report kind, the dates still to fetch are
// asked for (a few at a time); files are checked, kept on disk and loaded in batches, each date's
// outcome recorded. Every kind is independent: one that Apple refuses (403, a version it rejects)
// is named and the next kind goes on. Each event also goes to the kind's ledger file beside the kept
// files the moment it happens, so a run killed before its batch loaded resumes from what is on disk.

import { OrchardError } from '../../shared/errors';
import { salesKindKey, type SalesDateOutcome, type SalesReportKind, type SalesRunProgress } from '../../shared/sales';
import type { SalesApi } from '../asc/salesReports';
import type { Logger } from '../logging/logger';
import type { SalesDateRecord, SalesLoadFile, SalesStore } from '../warehouse/sales';
import { datesToFetch, reportDates, type BackfillWindow, type ReportDate } from './salesDates';
import { checkSalesFile, saveSalesFile, salesFilePath } from './salesFileStore';
import { appendLedger, readLedger, type LedgerEntry } from './salesLedgerFile';
import { restoreSalesKind } from './salesRestore';
import { failsWholeKind, fetchWithVersion, NOT_YET_TEXT, runPool } from './salesFetch';
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
  /** Over every kind of the run: one bar that never restarts (see SalesProgress.overall). */
  overall: SalesRunProgress;
}

export interface SalesSyncSummary {
  vendorNumber: string;
  outcome: 'succeeded' | 'partial' | 'cancelled';
  /** What the warehouse now holds from this run (a cancelled batch that never loaded is not counted). */
  outcomes: Record<SalesDateOutcome, number>;
  /** Dates whose file was new or changed and was loaded. */
  loadedFiles: number;
  /** Files verified and kept on disk but not loaded when the run stopped; the next run loads them without asking Apple. */
  keptNotLoaded: number;
  /** `reportDate` is empty for a failure of the whole kind. */
  errors: { kind: string; reportDate: string; message: string }[];
}

const zeroOutcomes = (): Record<SalesDateOutcome, number> => ({ 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 });
export const kindFolder = (kind: SalesReportKind) => `${kind.reportType}_${kind.reportSubType}_${kind.frequency}`;

const ledgerEntry = (r: SalesDateRecord, outcome: LedgerEntry['outcome'] = r.outcome): LedgerEntry => ({
  reportDate: r.reportDate, periodStart: r.periodStart, outcome, at: r.fetchedAt.toISOString(),
  ...(r.detail ? { detail: r.detail.slice(0, 500) } : {}), ...(r.version ? { version: r.version } : {}),
  ...(r.fileChecksum ? { checksum: r.fileChecksum } : {}), ...(r.filePath ? { file: r.filePath } : {}),
});

export async function syncSales(
  deps: SalesSyncDeps,
  input: { vendorNumber: string; kinds: readonly SalesReportKind[]; signal?: AbortSignal; onProgress?: (p: SalesSyncProgress) => void },
): Promise<SalesSyncSummary> {
  const outcomes = zeroOutcomes();
  const errors: SalesSyncSummary['errors'] = [];
  let loadedFiles = 0;
  let keptNotLoaded = 0;
  let known = await deps.store.dates(input.vendorNumber);
  /** Set when Apple says the key's hourly quota is spent: nothing more is asked this run (what was fetched still loads). */
  let quotaSpent: string | undefined;
  const mineOf = (kind: SalesReportKind, rows: typeof known) => rows.filter((r) => r.reportType === kind.reportType && r.reportSubType === kind.reportSubType && r.frequency === kind.frequency);
  const todoOf = (kind: SalesReportKind, rows: typeof known) =>
    datesToFetch(kind.frequency, reportDates(kind.frequency, deps.now(), deps.window), new Map(mineOf(kind, rows).map((r) => [r.reportDate, r.outcome])));
  // Planned from what the warehouse holds now; each kind settles its share when it starts.
  const planned = input.kinds.map((kind) => todoOf(kind, known).length);
  const overall: SalesRunProgress = { done: 0, total: planned.reduce((a, b) => a + b, 0), outcomes: zeroOutcomes() };
  for (const [kindIndex, kind] of input.kinds.entries()) {
    if (input.signal?.aborted || quotaSpent !== undefined) break;
    const key = salesKindKey(kind);
    const folder = kindFolder(kind);
    const log = (entries: LedgerEntry[]) => appendLedger(deps.dataDir, input.vendorNumber, folder, entries);
    // Files a killed run fetched but never loaded (and outcomes it never recorded) come from the ledger first.
    const ledger = await readLedger(deps.dataDir, input.vendorNumber, folder);
    if (ledger !== undefined) {
      const held = new Set(mineOf(kind, known).map((r) => r.reportDate));
      const resumed = await restoreSalesKind({ store: deps.store, dataDir: deps.dataDir, now: deps.now, ...(input.signal ? { signal: input.signal } : {}) }, {
        vendorNumber: input.vendorNumber, kind, periods: ledger, detail: 'loaded from the file kept before the run stopped',
        adopt: (date, period) => !held.has(date) || period.last.outcome === 'fetched',
      }).catch((error: unknown) => {
        // Cancelled while loading what a killed run kept: those files stay kept for the next run.
        if (input.signal?.aborted) return undefined;
        throw error;
      });
      if (resumed === undefined) break;
      // Loaded by this run (from disk): counted like any other load.
      outcomes.loaded += resumed.filesLoaded;
      loadedFiles += resumed.filesLoaded;
      if (resumed.filesLoaded > 0 || resumed.failures.length > 0) {
        await log([...ledger].filter(([, p]) => p.last.outcome === 'fetched' && p.file).map(([, p]) => ({ ...p.file!, outcome: 'loaded' as const, at: deps.now().toISOString() })));
        known = await deps.store.dates(input.vendorNumber);
      }
    }
    const mine = mineOf(kind, known);
    const checksumByDate = new Map(mine.map((r) => [r.reportDate, r.outcome === 'loaded' ? r.fileChecksum : null]));
    const todo = todoOf(kind, known);
    overall.total += todo.length - (planned[kindIndex] ?? 0);
    const progress: Omit<SalesSyncProgress, 'overall'> = { kind: key, done: 0, total: todo.length, outcomes: zeroOutcomes() };
    /** Set when the whole kind cannot be read (403, a version Apple refuses, a combination it rejects): its other dates are not asked. */
    let kindFailure: string | undefined;
    const pendingFiles: SalesLoadFile[] = [];
    const pendingRecords: SalesDateRecord[] = [];
    const committed = async (records: readonly SalesDateRecord[], files: number) => {
      for (const r of records) outcomes[r.outcome] += 1;
      loadedFiles += files;
      await log(records.filter((r) => r.outcome === 'loaded').map((r) => ledgerEntry(r)));
    };
    const flush = async () => {
      const files = pendingFiles.splice(0);
      const records = pendingRecords.splice(0);
      if (files.length === 0 && records.length === 0) return;
      try {
        await deps.store.load(files, records, input.signal);
        await committed(records, files.length);
      } catch (error) {
        if (input.signal?.aborted || files.length === 0) throw error;
        // One bad file must not cost the batch: load them one by one, the bad one becomes an error.
        const alone = records.filter((r) => !files.some((f) => f.periodStart === r.periodStart));
        await deps.store.record(alone);
        await committed(alone, 0);
        for (const file of files) {
          const record = records.find((r) => r.periodStart === file.periodStart);
          if (record === undefined) continue;
          try {
            await deps.store.load([file], [record], input.signal);
            await committed([record], 1);
          } catch (single) {
            if (input.signal?.aborted) throw single;
            const message = single instanceof Error ? single.message : String(single);
            errors.push({ kind: key, reportDate: record.reportDate, message });
            const failed: SalesDateRecord = { ...record, outcome: 'error', detail: message.slice(0, 500) };
            await deps.store.record([failed]);
            await committed([failed], 0);
            await log([ledgerEntry(failed)]);
          }
        }
      }
    };
    const settle = async (record: SalesDateRecord, file?: SalesLoadFile) => {
      progress.outcomes[record.outcome] += 1;
      progress.done += 1;
      overall.outcomes[record.outcome] += 1;
      overall.done += 1;
      pendingRecords.push(record);
      if (file) pendingFiles.push(file);
      // Apple's answer is on record at once; a loaded file only once its batch commits.
      if (record.outcome !== 'loaded') await log([ledgerEntry(record)]);
      input.onProgress?.({ ...progress, outcomes: { ...progress.outcomes }, overall: { ...overall, outcomes: { ...overall.outcomes } } });
      if (pendingFiles.length >= LOAD_BATCH) await flush();
    };
    const one = async (date: ReportDate) => {
      const base = { vendorNumber: input.vendorNumber, ...kind, reportDate: date.reportDate, periodStart: date.periodStart, fetchedAt: deps.now() };
      try {
        const { result, version } = await fetchWithVersion(deps, input.vendorNumber, kind, date.reportDate, input.signal);
        if (result.kind === 'not-yet' && !NOT_YET_TEXT.test(result.detail)) {
          throw new OrchardError('NOT_FOUND', `Apple answered 404 with a text Orchard does not know (“${result.detail.slice(0, 200)}”); the date is asked again next sync.`);
        }
        if (result.kind !== 'file') return await settle({ ...base, version, outcome: result.kind, detail: result.detail });
        const checked = await checkSalesFile(result.gzip);
        const relative = salesFilePath(input.vendorNumber, kind, date.reportDate, checked.checksum);
        const record: SalesDateRecord = { ...base, version, outcome: 'loaded', fileChecksum: checked.checksum, filePath: relative };
        // The same bytes as the loaded file: nothing to replace (the re-fetch of recent days).
        if (checksumByDate.get(date.reportDate) === checked.checksum) return await settle(record);
        const filePath = await saveSalesFile(deps.dataDir, relative, result.gzip);
        // Verified and on disk: from now on a resume loads it instead of asking Apple again.
        await log([ledgerEntry(record, 'fetched')]);
        await settle(record, { ...base, version, checksum: checked.checksum, filePath, headers: checked.headers, dateFormat: checked.dateFormat });
      } catch (error) {
        if (input.signal?.aborted) return;
        // A rejected key or a full disk stops everything; anything else stays inside this kind.
        if (error instanceof OrchardError && ['AUTH_FAILED', 'DISK_FULL'].includes(error.code)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof OrchardError && error.code === 'RATE_LIMITED') {
          // Every further call would be refused too; the date stays unasked, not failed.
          if (quotaSpent === undefined) errors.push({ kind: key, reportDate: '', message: `${message} The sync stopped asking; the next one goes on from here.` });
          quotaSpent = message;
          return;
        }
        if (failsWholeKind(error)) {
          if (kindFailure !== undefined) return;
          kindFailure = message;
        }
        errors.push({ kind: key, reportDate: date.reportDate, message });
        deps.logger.warn('sales.date_failed', { kind: key, reportDate: date.reportDate, message });
        await settle({ ...base, outcome: 'error', detail: message.slice(0, 500) });
      }
    };
    await runPool(todo, CONCURRENCY, one, () => input.signal?.aborted === true || kindFailure !== undefined || quotaSpent !== undefined);
    // Dates a refused kind or a spent quota left unasked leave the plan: the bar still ends full.
    overall.total -= progress.total - progress.done;
    if (input.signal?.aborted) {
      keptNotLoaded += pendingFiles.length;
      break;
    }
    try {
      await flush();
    } catch (error) {
      if (input.signal?.aborted) {
        keptNotLoaded += pendingFiles.length;
        break;
      }
      if (error instanceof OrchardError && error.code === 'DISK_FULL') throw error;
      errors.push({ kind: key, reportDate: '', message: error instanceof Error ? error.message : String(error) });
    }
  }
  const outcome = input.signal?.aborted ? 'cancelled' : errors.length > 0 ? 'partial' : 'succeeded';
  return { vendorNumber: input.vendorNumber, outcome, outcomes, loadedFiles, keptNotLoaded, errors };
}
