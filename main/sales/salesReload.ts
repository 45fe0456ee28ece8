// Reloads the kept Sales and Trends and Finance files into the warehouse, with no call to Apple
// (the rebuild's second half). A report folder with a ledger (salesLedgerFile.ts) is restored from
// it exactly: each period's file and its outcome (loaded, no sales, not yet, gone, error), an older
// kept copy when the ledger's is damaged, and a damaged copy named as a local problem. A folder
// from before the ledger loads, per period, its newest kept file, recorded as loaded.

import { readFile, realpath } from 'node:fs/promises';
import { OrchardError } from '../../shared/errors';
import { salesKindKey } from '../../shared/sales';
import { type FinanceLoadFile, type SalesDateRecord, type SalesLoadFile, type SalesStore } from '../warehouse/sales';
import { restoreFinanceFolder } from './financeRestore';
import { findKeptSalesFiles, findLedgerFolders, newestFirstByPeriod, type KeptFinanceFile, type KeptSalesFile } from './keptSalesFiles';
import { checkFinanceFile, checkSalesFile } from './salesFileStore';
import { readLedger } from './salesLedgerFile';
import { restoreSalesKind, type RestoreSummary } from './salesRestore';

/** The sync's own batch: one transaction per this many files. */
const BATCH = 400;
const DETAIL = 'reloaded from the kept file';

export interface SalesReloadSummary {
  filesLoaded: number;
  rows: number;
  failures: { file: string; message: string }[];
}

export interface SalesReloadDeps {
  store: Pick<SalesStore, 'load' | 'loadFinance' | 'record'>;
  dataDir: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Decides whether Apple still serves a damaged period (default: the real clock). */
  now?: () => Date;
}

const stops = (error: unknown) => error instanceof OrchardError && (error.code === 'CANCELLED' || error.code === 'DISK_FULL');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const folderOf = (vendor: string, folder: string) => `${vendor}/${folder}`;
const salesFolder = (f: KeptSalesFile) => `${f.kind.reportType}_${f.kind.reportSubType}_${f.kind.frequency}`;

/** Reads a kept file and checks it (checkSalesFile or checkFinanceFile) against the checksum in its name. */
async function checkedFile<T extends { checksum: string }>(file: KeptSalesFile | KeptFinanceFile, check: (gzip: Buffer, source: 'kept') => Promise<T>): Promise<T> {
  const checked = await check(await readFile(file.absolutePath), 'kept');
  if (!checked.checksum.startsWith(file.checksumPrefix)) {
    throw new OrchardError('CHECKSUM_MISMATCH', `${file.relativePath} no longer matches the checksum in its name (damaged on this computer, not by Apple); it was not loaded.`);
  }
  return checked;
}

async function prepareSales(file: KeptSalesFile): Promise<{ load: SalesLoadFile; record: SalesDateRecord }> {
  const { checksum, headers, dateFormat } = await checkedFile(file, checkSalesFile);
  const fetchedAt = new Date(file.modifiedMs);
  const base = { vendorNumber: file.vendorNumber, ...file.kind, periodStart: file.periodStart, fetchedAt };
  return {
    load: { ...base, checksum, filePath: file.absolutePath, headers, dateFormat },
    record: { ...base, reportDate: file.reportDate, outcome: 'loaded', detail: DETAIL, fileChecksum: checksum, filePath: file.relativePath },
  };
}

export async function reloadKeptSalesFiles(deps: SalesReloadDeps): Promise<SalesReloadSummary> {
  // Real paths: DuckDB compares them when it checks which folders SQL may read.
  const dataDir = await realpath(deps.dataDir);
  const { sales, finance } = await findKeptSalesFiles(dataDir);
  const ledgers = [];
  for (const folder of await findLedgerFolders(dataDir)) {
    const periods = await readLedger(dataDir, folder.vendorNumber, folder.folder);
    if (periods !== undefined) ledgers.push({ ...folder, periods });
  }
  const ledgerOf = new Map(ledgers.map((l) => [folderOf(l.vendorNumber, l.folder), l.periods]));
  // A period the ledger does not know (kept before the ledger existed) still loads the old way.
  const inLedger = (vendor: string, folder: string, reportDate: string) => ledgerOf.get(folderOf(vendor, folder))?.has(reportDate) === true;
  const summary: SalesReloadSummary = { filesLoaded: 0, rows: 0, failures: [] };
  const add = (part: RestoreSummary) => {
    summary.filesLoaded += part.filesLoaded;
    summary.rows += part.rows;
    summary.failures.push(...part.failures);
  };
  const salesPeriods = newestFirstByPeriod(sales.filter((f) => !inLedger(f.vendorNumber, salesFolder(f), f.reportDate)), (f) => `${f.vendorNumber}/${salesKindKey(f.kind)}/${f.reportDate}`);
  const financePeriods = newestFirstByPeriod(finance.filter((f) => !inLedger(f.vendorNumber, `${f.reportType}_${f.regionCode}_MONTHLY`, f.reportDate)),
    (f) => `${f.vendorNumber}/${f.reportType}/${f.regionCode}/${f.reportDate}`);
  const total = ledgers.length + salesPeriods.length + financePeriods.length;
  let done = 0;
  const stopIfCancelled = () => {
    if (deps.signal?.aborted) throw new OrchardError('CANCELLED', 'The rebuild was cancelled.');
  };
  const signal = deps.signal ? { signal: deps.signal } : {};

  for (const folder of ledgers) {
    stopIfCancelled();
    const periods = folder.periods;
    if (folder.kind !== undefined) {
      const kind = folder.kind;
      const older = sales.filter((f) => f.vendorNumber === folder.vendorNumber && salesKindKey(f.kind) === salesKindKey(kind));
      add(await restoreSalesKind({ store: deps.store, dataDir, now: deps.now ?? (() => new Date()), ...signal }, {
        vendorNumber: folder.vendorNumber, kind, periods, adopt: () => true, detail: DETAIL,
        fallbacks: (reportDate) => older.filter((f) => f.reportDate === reportDate).sort((a, b) => b.modifiedMs - a.modifiedMs),
      }));
    } else if (folder.finance !== undefined) {
      add(await restoreFinanceFolder({ store: deps.store, dataDir, ...signal }, {
        vendorNumber: folder.vendorNumber, ...folder.finance, periods, adopt: () => true, detail: DETAIL,
      }));
    }
    done += 1;
    deps.onProgress?.(done, total);
  }

  /** Each candidate of one period in turn until one loads; the last error is the period's failure. */
  const loadOnePeriod = async <F extends KeptSalesFile | KeptFinanceFile>(candidates: readonly F[], load: (file: F) => Promise<number>) => {
    let lastError: unknown;
    for (const file of candidates) {
      try {
        summary.rows += await load(file);
        summary.filesLoaded += 1;
        return;
      } catch (error) {
        if (stops(error)) throw error;
        lastError = error;
      }
    }
    summary.failures.push({ file: candidates[0]?.relativePath ?? '', message: messageOf(lastError) });
  };
  const loadSalesAlone = async (file: KeptSalesFile) => {
    const { load, record } = await prepareSales(file);
    const [result] = await deps.store.load([load], [record], deps.signal);
    return result?.rows ?? 0;
  };

  for (let i = 0; i < salesPeriods.length; i += BATCH) {
    stopIfCancelled();
    const batch = salesPeriods.slice(i, i + BATCH);
    try {
      // One file at a time: each is inflated whole to read its header, and a studio's files can be large.
      const prepared = [];
      for (const candidates of batch) prepared.push(await prepareSales(candidates[0]!));
      const results = await deps.store.load(prepared.map((p) => p.load), prepared.map((p) => p.record), deps.signal);
      summary.rows += results.reduce((n, r) => n + r.rows, 0);
      summary.filesLoaded += results.length;
    } catch (error) {
      if (stops(error)) throw error;
      // One bad file must not cost the batch: period by period, falling back to older files.
      for (const candidates of batch) await loadOnePeriod(candidates, loadSalesAlone);
    }
    done += batch.length;
    deps.onProgress?.(done, total);
  }

  for (const candidates of financePeriods) {
    stopIfCancelled();
    await loadOnePeriod(candidates, async (file) => {
      const { checksum, headers } = await checkedFile(file, checkFinanceFile);
      const fetchedAt = new Date(file.modifiedMs);
      const load: FinanceLoadFile = {
        vendorNumber: file.vendorNumber, reportType: file.reportType, regionCode: file.regionCode, fiscalMonth: file.reportDate,
        checksum, fetchedAt, filePath: file.absolutePath, headers,
      };
      const record: SalesDateRecord = {
        vendorNumber: file.vendorNumber, reportType: file.reportType, reportSubType: file.regionCode, frequency: 'FISCAL_MONTH',
        reportDate: file.reportDate, periodStart: file.periodStart, outcome: 'loaded', detail: DETAIL, fileChecksum: checksum,
        filePath: file.relativePath, fetchedAt,
      };
      return (await deps.store.loadFinance(load, record, deps.signal)).rows;
    });
    done += 1;
    deps.onProgress?.(done, total);
  }
  return summary;
}
