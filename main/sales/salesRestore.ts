// Puts what a kind's ledger (salesLedgerFile.ts) says into the warehouse, with no call to Apple:
// the file each period last loaded or fetched (checked against its checksum; an older kept copy
// of the period if that one is damaged) and the period's last outcome. The sync uses it to load
// files fetched before a kill; the rebuild uses it to restore every outcome exactly.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { SalesDateOutcome, SalesReportKind } from '../../shared/sales';
import type { SalesDateRecord, SalesLoadFile, SalesStore } from '../warehouse/sales';
import type { LedgerPeriod } from './salesLedgerFile';
import { checkSalesFile } from './salesFileStore';

/** Files per transaction, as the sync loads them. */
const BATCH = 400;
const DAY_MS = 86_400_000;

export interface RestoreDeps {
  store: Pick<SalesStore, 'load' | 'record'>;
  dataDir: string;
  now: () => Date;
  signal?: AbortSignal;
}

export interface RestoreSummary {
  outcomes: Record<SalesDateOutcome, number>;
  filesLoaded: number;
  rows: number;
  /** Files that could not be loaded (a damaged local copy), with the blame told honestly. */
  failures: { file: string; message: string }[];
}

/** Older kept copies of a period, newest first, tried when the ledger's file is damaged. */
export type Fallbacks = (reportDate: string) => readonly { relativePath: string; checksumPrefix: string }[];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether Apple still sends a period: daily, weekly, monthly for a year, yearly indefinitely (fact sheet §1.5). */
export function appleStillServes(frequency: string, periodStart: string, now: Date): boolean | undefined {
  if (frequency === 'YEARLY') return true;
  if (frequency === 'FISCAL_MONTH') return undefined;
  return Date.parse(`${periodStart}T00:00:00Z`) >= now.getTime() - 365 * DAY_MS;
}

/** The words for a kept copy that fails its check: a LOCAL problem, and whether Apple can still send it. */
export function damagedCopyText(relativePath: string, reason: string, serves: boolean | undefined): string {
  const where = serves === true ? 'Apple still serves this period: the next sync fetches it again.'
    : serves === false ? 'Apple no longer serves this period (past its one-year retention), so it cannot be fetched again: restore the file from a backup.'
      : 'Apple may still serve it: the next sync asks again.';
  return `The kept copy ${relativePath} is damaged on this computer (${reason.slice(0, 200)}); this is a local problem, not Apple's. ${where}`;
}

/** Reads a kept file and checks it against the checksum its name or the ledger gives. */
async function checkedKept(dataDir: string, relativePath: string, checksum: string) {
  const checked = await checkSalesFile(await readFile(path.join(dataDir, relativePath)), 'kept');
  if (!checked.checksum.startsWith(checksum)) throw new OrchardError('CHECKSUM_MISMATCH', 'it no longer matches its checksum');
  return checked;
}

/**
 * Restores the periods of one Sales and Trends kind. `adopt` says which periods to take from the
 * ledger (all of them in a rebuild; in a sync, those the warehouse lacks or that were only fetched).
 */
export async function restoreSalesKind(
  deps: RestoreDeps,
  input: { vendorNumber: string; kind: SalesReportKind; periods: ReadonlyMap<string, LedgerPeriod>; adopt: (reportDate: string, period: LedgerPeriod) => boolean; detail: string; fallbacks?: Fallbacks },
): Promise<RestoreSummary> {
  const summary: RestoreSummary = { outcomes: { 'loaded': 0, 'no-sales': 0, 'not-yet': 0, 'gone': 0, 'error': 0 }, filesLoaded: 0, rows: 0, failures: [] };
  const loads: { file: SalesLoadFile; record: SalesDateRecord; after?: SalesDateRecord }[] = [];
  const records: SalesDateRecord[] = [];
  for (const [reportDate, period] of input.periods) {
    if (!input.adopt(reportDate, period)) continue;
    const last = period.last;
    const base = { vendorNumber: input.vendorNumber, ...input.kind, reportDate, periodStart: last.periodStart, fetchedAt: new Date(last.at) };
    // The period's last word when it is not the file itself (e.g. a later re-check that failed).
    const lastWord: SalesDateRecord | undefined = last.outcome === 'loaded' || last.outcome === 'fetched' ? undefined
      : { ...base, outcome: last.outcome, ...(last.detail ? { detail: last.detail } : {}), ...(last.version ? { version: last.version } : {}) };
    if (period.file === undefined) {
      if (lastWord) records.push(lastWord);
      continue;
    }
    const candidates = [{ relativePath: period.file.file, checksum: period.file.checksum }, ...(input.fallbacks?.(reportDate) ?? [])
      .filter((f) => f.relativePath !== period.file?.file).map((f) => ({ relativePath: f.relativePath, checksum: f.checksumPrefix }))];
    let loaded = false;
    let reason = '';
    for (const [index, candidate] of candidates.entries()) {
      try {
        const checked = await checkedKept(deps.dataDir, candidate.relativePath, candidate.checksum);
        const fileAt = new Date(index === 0 ? period.file.at : last.at);
        const detail = index === 0 ? input.detail : `${damagedCopyText(period.file.file, reason, undefined).split(';')[0]}; loaded the older kept copy ${candidate.relativePath} instead`;
        loads.push({
          file: { ...base, fetchedAt: fileAt, ...(period.file.version ? { version: period.file.version } : {}), checksum: checked.checksum, filePath: path.join(deps.dataDir, candidate.relativePath), headers: checked.headers, dateFormat: checked.dateFormat },
          record: { ...base, fetchedAt: fileAt, outcome: 'loaded', detail, fileChecksum: checked.checksum, filePath: candidate.relativePath, ...(period.file.version ? { version: period.file.version } : {}) },
          ...(lastWord ? { after: lastWord } : {}),
        });
        loaded = true;
        break;
      } catch (error) {
        if (reason === '') reason = messageOf(error);
      }
    }
    if (!loaded) {
      const message = damagedCopyText(period.file.file, reason, appleStillServes(input.kind.frequency, last.periodStart, deps.now()));
      summary.failures.push({ file: period.file.file, message });
      records.push({ ...base, outcome: 'error', detail: message.slice(0, 500) });
    }
  }
  if (records.length) await deps.store.record(records);
  for (const r of records) summary.outcomes[r.outcome] += 1;
  for (let i = 0; i < loads.length; i += BATCH) {
    if (deps.signal?.aborted) throw new OrchardError('CANCELLED', 'Stopped before every kept file was loaded.');
    const batch = loads.slice(i, i + BATCH);
    try {
      await loadBatch(deps, batch, summary);
    } catch (error) {
      if (deps.signal?.aborted || (error instanceof OrchardError && error.code === 'DISK_FULL')) throw error;
      // One file DuckDB refuses must not cost the batch: one by one, the refused one becomes an error.
      for (const one of batch) {
        try {
          await loadBatch(deps, [one], summary);
        } catch (single) {
          if (deps.signal?.aborted) throw single;
          summary.failures.push({ file: one.record.filePath ?? '', message: messageOf(single) });
          summary.outcomes.error += 1;
          await deps.store.record([{ ...one.record, outcome: 'error', detail: messageOf(single).slice(0, 500) }]);
        }
      }
    }
  }
  return summary;
}

async function loadBatch(deps: RestoreDeps, batch: readonly { file: SalesLoadFile; record: SalesDateRecord; after?: SalesDateRecord }[], summary: RestoreSummary) {
  const results = await deps.store.load(batch.map((b) => b.file), batch.map((b) => b.record), deps.signal);
  summary.rows += results.reduce((n, r) => n + r.rows, 0);
  summary.filesLoaded += results.length;
  const after = batch.flatMap((b) => (b.after ? [b.after] : []));
  if (after.length) await deps.store.record(after);
  for (const b of batch) summary.outcomes[b.after?.outcome ?? 'loaded'] += 1;
}
