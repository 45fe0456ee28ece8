// The outcome ledger kept beside the kept files: `<data>/sales/<vendor>/<folder>/ledger.jsonl`, one
// JSON line per event (a file verified on disk, a period loaded, no sales, not yet, gone, error),
// appended as it happens. It survives the warehouse: a resume after a kill loads what was fetched
// instead of asking Apple again, and a rebuild restores every period's outcome exactly from it.

import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import { SALES_DATE_OUTCOMES, VENDOR_NUMBER_PATTERN } from '../../shared/sales';
import { SALES_FOLDER } from './salesFileStore';

export const LEDGER_FILE = 'ledger.jsonl';

const entrySchema = z.object({
  /** As sent to Apple (YYYY-MM-DD, YYYY-MM, YYYY, or the fiscal month). */
  reportDate: z.string().regex(/^\d{4}(-\d{2}){0,2}$/),
  periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** `fetched`: the file is verified and on disk but not loaded yet. */
  outcome: z.enum([...SALES_DATE_OUTCOMES, 'fetched']),
  detail: z.string().max(600).optional(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Relative to the data folder, forward slashes. */
  file: z.string().max(300).optional(),
  version: z.string().max(10).optional(),
  at: z.string().max(40),
});
export type LedgerEntry = z.infer<typeof entrySchema>;

/** What the ledger says of one period: its last event, and the last file it loaded or fetched. */
export interface LedgerPeriod {
  last: LedgerEntry;
  file?: LedgerEntry & { checksum: string; file: string };
}

const SAFE_FOLDER = /^[A-Z0-9_]{1,100}$/;

export function ledgerPath(dataDir: string, vendorNumber: string, folder: string): string {
  if (!VENDOR_NUMBER_PATTERN.test(vendorNumber) || !SAFE_FOLDER.test(folder)) throw new OrchardError('INTERNAL', 'Refused to build a ledger path from unexpected parts.');
  return path.join(dataDir, SALES_FOLDER, vendorNumber, folder, LEDGER_FILE);
}

/**
 * Appends events in one write. Each line STARTS with a newline: a line torn by a kill (no end)
 * is followed by a fresh line, so only the torn event is lost and the reader skips it.
 */
export async function appendLedger(dataDir: string, vendorNumber: string, folder: string, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const file = ledgerPath(dataDir, vendorNumber, folder);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await appendFile(file, entries.map((e) => `\n${JSON.stringify(entrySchema.parse(e))}`).join(''), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw new OrchardError('DISK_FULL', 'The disk is full; the sales ledger could not be written.');
    throw error;
  }
}

/** Every period the ledger knows, by report date; undefined when the folder has no ledger. Unreadable lines are skipped. */
export async function readLedger(dataDir: string, vendorNumber: string, folder: string): Promise<Map<string, LedgerPeriod> | undefined> {
  let text: string;
  try {
    text = await readFile(ledgerPath(dataDir, vendorNumber, folder), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const periods = new Map<string, LedgerPeriod>();
  type FileEntry = NonNullable<LedgerPeriod['file']>;
  /** Per period: the file last loaded, and a file fetched after it that has not loaded (yet). */
  const files = new Map<string, { loaded?: FileEntry; fetched?: FileEntry }>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = entrySchema.safeParse(parsed);
    if (!entry.success) continue;
    const e = entry.data;
    const known = files.get(e.reportDate) ?? {};
    const withFile = e.checksum !== undefined && e.file !== undefined ? { ...e, checksum: e.checksum, file: e.file } : undefined;
    if (withFile && e.outcome === 'loaded') files.set(e.reportDate, { loaded: withFile });
    else if (withFile && e.outcome === 'fetched') files.set(e.reportDate, { ...known, fetched: withFile });
    // A fetched file that then failed to load leaves the period with the file it had loaded before.
    else if (e.outcome === 'error' && known.fetched?.checksum === e.checksum) files.set(e.reportDate, { ...(known.loaded ? { loaded: known.loaded } : {}) });
    const file = files.get(e.reportDate);
    const current = file?.fetched ?? file?.loaded;
    periods.set(e.reportDate, { last: e, ...(current ? { file: current } : {}) });
  }
  return periods;
}
