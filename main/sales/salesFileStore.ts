// Keeps every Sales and Trends file Orchard downloaded, under
// `<data>/sales/<vendor>/<TYPE>_<SUBTYPE>_<FREQUENCY>/<date>_<checksum>.tsv.gz`: a re-issued day gets
// a new file beside the old one. Checks a body is gzip, inflates it under a cap and reads its header.

import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { OrchardError } from '../../shared/errors';
import { VENDOR_NUMBER_PATTERN, type SalesReportKind } from '../../shared/sales';
import { financeHeader } from '../warehouse/sales/financeLoad';
import { salesDateFormatOf, type SalesDateFormat } from '../warehouse/sales/salesColumns';

export const SALES_FOLDER = 'sales';
/** A daily file of a large studio inflates to tens of MB; past this it is refused, not loaded. */
export const MAX_INFLATED_BYTES = 512 * 1_048_576;

export interface CheckedSalesFile {
  checksum: string;
  headers: string[];
  /** How the file writes its dates (undefined: no dated row); the loader reads each file with its own. */
  dateFormat: SalesDateFormat | undefined;
}

/** The lines after the header, one at a time (a large file is not split whole to find its first date). */
function* dataLines(text: Buffer, from: number): Generator<string> {
  let start = from;
  while (start >= 0 && start < text.length) {
    const end = text.indexOf(0x0a, start);
    yield text.subarray(start, end < 0 ? text.length : end).toString('utf8').replace(/\r$/, '');
    start = end < 0 ? -1 : end + 1;
  }
}

/**
 * Where the bytes come from decides the blame: `apple` for a body just received, `kept` for a copy
 * on this computer (its damage is local, and the caller says whether Apple can send it again).
 */
export type FileSource = 'apple' | 'kept';

const gunzipAsync = promisify(gunzip);

/**
 * Verifies gzip and inflates under the cap; a damaged or oversized body is refused in words.
 * Inflated on libuv's thread pool: a 512 MB file inflated synchronously would freeze main (and the UI's IPC).
 */
async function inflate(gzip: Buffer, source: FileSource = 'apple'): Promise<Buffer> {
  if (gzip.length < 2 || gzip[0] !== 0x1f || gzip[1] !== 0x8b) {
    throw new OrchardError('BAD_INPUT', source === 'kept' ? 'not a gzip file' : 'Apple sent a sales report that is not a gzip file.');
  }
  try {
    return await gunzipAsync(gzip, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    const tooBig = error instanceof RangeError || /maxOutputLength|Cannot create a Buffer larger/i.test(String(error));
    throw new OrchardError('BAD_INPUT', tooBig
      ? `A sales report inflates past ${MAX_INFLATED_BYTES / 1_048_576} MB; Orchard refused to load it.`
      : source === 'kept' ? 'gzip error' : 'Apple sent a damaged sales report (gzip error); it will be fetched again.');
  }
}

const sha256 = (gzip: Buffer) => createHash('sha256').update(gzip).digest('hex');

/** Verifies gzip, inflates under the cap, and returns the checksum, header fields and date format. */
export async function checkSalesFile(gzip: Buffer, source: FileSource = 'apple'): Promise<CheckedSalesFile> {
  const text = await inflate(gzip, source);
  const newline = text.indexOf(0x0a);
  const first = text.subarray(0, newline < 0 ? text.length : newline).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (first.trim() === '') throw new OrchardError('BAD_INPUT', 'Apple sent a sales report without a header line.');
  const headers = first.split('\t').map((h) => h.trim());
  const dateFormat = newline < 0 ? undefined : salesDateFormatOf(headers, dataLines(text, newline + 1));
  return { checksum: sha256(gzip), headers, dateFormat };
}

/** A Finance file: its checksum and the data header among its first lines (metadata lines may come first). */
export async function checkFinanceFile(gzip: Buffer, source: FileSource = 'apple'): Promise<{ checksum: string; headers: string[] }> {
  const headers = financeHeader((await inflate(gzip, source)).toString('utf8'));
  if (headers === undefined) throw new OrchardError('BAD_INPUT', 'The finance file has no header line Orchard recognises.');
  return { checksum: sha256(gzip), headers };
}

const SAFE_PART = /^[A-Z0-9_]{1,64}$/;
const SAFE_DATE = /^\d{4}(-\d{2}){0,2}$/;

/** The file's path relative to the data folder; every part is checked, nothing comes from the network. */
export function salesFilePath(vendorNumber: string, kind: SalesReportKind, reportDate: string, checksum: string): string {
  const parts = [kind.reportType, kind.reportSubType, kind.frequency];
  if (!VENDOR_NUMBER_PATTERN.test(vendorNumber) || !parts.every((p) => SAFE_PART.test(p)) || !SAFE_DATE.test(reportDate) || !/^[0-9a-f]{64}$/.test(checksum)) {
    throw new OrchardError('INTERNAL', 'Refused to build a sales file path from unexpected parts.');
  }
  return [SALES_FOLDER, vendorNumber, parts.join('_'), `${reportDate}_${checksum.slice(0, 16)}.tsv.gz`].join('/');
}

/** Writes atomically (temp file, then rename) and returns the absolute path. */
export async function saveSalesFile(dataDir: string, relativePath: string, gzip: Buffer): Promise<string> {
  const target = path.resolve(dataDir, relativePath);
  if (path.relative(dataDir, target).startsWith('..')) throw new OrchardError('INTERNAL', 'Refused to write outside the data folder.');
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.part`;
  try {
    await writeFile(temp, gzip);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw new OrchardError('DISK_FULL', 'The disk is full; the sales report was not saved.');
    throw error;
  }
  return target;
}
