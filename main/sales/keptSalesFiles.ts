// Finds the Sales and Trends and Finance files Orchard kept under `<data>/sales/` (salesFileStore.ts
// names them), so a rebuilt warehouse gets them back without Apple: after a year Apple no longer
// serves a day, and the kept file is its only copy. Everything is read from names Orchard wrote and
// checked against the patterns it writes; anything else in the folder is left alone.

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SALES_COMBINATIONS, VENDOR_NUMBER_PATTERN, type SalesReportKind } from '../../shared/sales';
import { FISCAL_MONTHS } from '../warehouse/sales/salesCatalogue';
import { SALES_FOLDER } from './salesFileStore';
import { LEDGER_FILE } from './salesLedgerFile';
import { periodStartOf } from './salesDates';

interface KeptFile {
  vendorNumber: string;
  /** As sent to Apple: YYYY-MM-DD, YYYY-MM, YYYY, or the fiscal month for finance. */
  reportDate: string;
  periodStart: string;
  /** The first 16 hex digits of the file's SHA-256, from its name. */
  checksumPrefix: string;
  /** Relative to the data folder, forward slashes (as the ledger records it). */
  relativePath: string;
  absolutePath: string;
  modifiedMs: number;
}

export interface KeptSalesFile extends KeptFile {
  kind: SalesReportKind;
}

export interface KeptFinanceFile extends KeptFile {
  reportType: 'FINANCIAL' | 'FINANCE_DETAIL';
  regionCode: string;
}

const FILE_NAME = /^(\d{4}(?:-\d{2}){0,2})_([0-9a-f]{16})\.tsv\.gz$/;
const FINANCE_FOLDER = /^(FINANCIAL|FINANCE_DETAIL)_([A-Z0-9]{2})_MONTHLY$/;

const SALES_FOLDERS = new Map(SALES_COMBINATIONS.flatMap((rule) => rule.frequencies.map((frequency): [string, SalesReportKind] =>
  [`${rule.reportType}_${rule.reportSubType}_${frequency}`, { reportType: rule.reportType, reportSubType: rule.reportSubType, frequency }])));

const FISCAL_START = new Map(FISCAL_MONTHS.map(([month, start]) => [month, start]));

async function entries(folder: string): Promise<{ name: string; isDirectory: boolean }[]> {
  try {
    return (await readdir(folder, { withFileTypes: true })).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every kept file, grouped by nothing: several files of one period (a re-issue) are all listed. */
export async function findKeptSalesFiles(dataDir: string): Promise<{ sales: KeptSalesFile[]; finance: KeptFinanceFile[] }> {
  const sales: KeptSalesFile[] = [];
  const finance: KeptFinanceFile[] = [];
  const root = path.join(dataDir, SALES_FOLDER);
  for (const vendor of await entries(root)) {
    if (!vendor.isDirectory || !VENDOR_NUMBER_PATTERN.test(vendor.name)) continue;
    for (const folder of await entries(path.join(root, vendor.name))) {
      const kind = SALES_FOLDERS.get(folder.name);
      const financeMatch = FINANCE_FOLDER.exec(folder.name);
      if (!folder.isDirectory || (kind === undefined && financeMatch === null)) continue;
      for (const file of await entries(path.join(root, vendor.name, folder.name))) {
        const name = FILE_NAME.exec(file.name);
        if (file.isDirectory || name === null) continue;
        const [, reportDate = '', checksumPrefix = ''] = name;
        const absolutePath = path.join(root, vendor.name, folder.name, file.name);
        const base = {
          vendorNumber: vendor.name, reportDate, checksumPrefix, absolutePath,
          relativePath: [SALES_FOLDER, vendor.name, folder.name, file.name].join('/'), modifiedMs: (await stat(absolutePath)).mtimeMs,
        };
        if (kind !== undefined) {
          const periodStart = periodStartOf(kind.frequency, reportDate);
          if (periodStart !== undefined) sales.push({ ...base, kind, periodStart });
        } else if (financeMatch !== null) {
          const periodStart = FISCAL_START.get(reportDate);
          if (periodStart !== undefined) finance.push({ ...base, reportType: financeMatch[1] as KeptFinanceFile['reportType'], regionCode: financeMatch[2] ?? '', periodStart });
        }
      }
    }
  }
  return { sales, finance };
}

export interface LedgerFolder {
  vendorNumber: string;
  folder: string;
  /** Set for a Sales and Trends folder. */
  kind?: SalesReportKind;
  /** Set for a Finance folder. */
  finance?: { reportType: 'FINANCIAL' | 'FINANCE_DETAIL'; regionCode: string };
}

/** Every report folder that holds a ledger (salesLedgerFile.ts), files or not (a kind of only "no sales" days has none). */
export async function findLedgerFolders(dataDir: string): Promise<LedgerFolder[]> {
  const found: LedgerFolder[] = [];
  const root = path.join(dataDir, SALES_FOLDER);
  for (const vendor of await entries(root)) {
    if (!vendor.isDirectory || !VENDOR_NUMBER_PATTERN.test(vendor.name)) continue;
    for (const folder of await entries(path.join(root, vendor.name))) {
      if (!folder.isDirectory || !(await entries(path.join(root, vendor.name, folder.name))).some((f) => f.name === LEDGER_FILE && !f.isDirectory)) continue;
      const kind = SALES_FOLDERS.get(folder.name);
      const financeMatch = FINANCE_FOLDER.exec(folder.name);
      if (kind !== undefined) found.push({ vendorNumber: vendor.name, folder: folder.name, kind });
      else if (financeMatch !== null) {
        found.push({ vendorNumber: vendor.name, folder: folder.name, finance: { reportType: financeMatch[1] as 'FINANCIAL' | 'FINANCE_DETAIL', regionCode: financeMatch[2] ?? '' } });
      }
    }
  }
  return found;
}

/** Per period, its kept files newest first: the first is the one a rebuild loads, the others its fall-backs. */
export function newestFirstByPeriod<T extends KeptFile>(files: readonly T[], periodKey: (file: T) => string): T[][] {
  const byPeriod = new Map<string, T[]>();
  for (const file of files) byPeriod.set(periodKey(file), [...(byPeriod.get(periodKey(file)) ?? []), file]);
  return [...byPeriod.values()].map((group) => [...group].sort((a, b) => b.modifiedMs - a.modifiedMs));
}

/** How many files a rebuild would find (all of them, re-issues included). */
export async function keptSalesFileCount(dataDir: string): Promise<number> {
  const { sales, finance } = await findKeptSalesFiles(dataDir);
  return sales.length + finance.length;
}
