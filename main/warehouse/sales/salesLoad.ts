// Loads downloaded Sales and Trends files into `sales.<type>_<subtype>`: per report date, the
// date's old rows are deleted and the file's rows inserted in the same transaction (a re-issued
// day replaces its rows, never adds to them). Files sharing a header go through ONE read_csv that
// types every column itself, straight into the table: no second pass, no cast over text.

import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import { duckdbMessage } from '../errors';
import { qualified, quoteIdent, sqlDate, sqlString } from '../sql';
import { SQL_TYPE, salesColumnsOf, type SalesColumn } from './salesColumns';
import { ensureReportTable, SALES_SCHEMA, salesTableName } from './salesTables';

export interface SalesLoadFile {
  vendorNumber: string;
  reportType: string;
  reportSubType: string;
  frequency: string;
  /** First day of the period the file covers (`YYYY-MM-DD`). */
  periodStart: string;
  version: string;
  checksum: string;
  fetchedAt: Date;
  /** Real absolute path of the `.gz` file, exactly as passed to read_csv. */
  filePath: string;
  /** Header fields as the file has them (trimmed, BOM removed). */
  headers: readonly string[];
}

export interface SalesLoadResult {
  filePath: string;
  rows: number;
}

function groupOf(file: SalesLoadFile): string {
  return `${salesTableName(file.reportType, file.reportSubType)}\n${file.headers.join('\t')}`;
}

/** Loads every file; the caller runs this inside one transaction. */
export async function loadSalesFiles(connection: DuckDBConnection, files: readonly SalesLoadFile[]): Promise<SalesLoadResult[]> {
  const groups = new Map<string, SalesLoadFile[]>();
  for (const file of files) groups.set(groupOf(file), [...(groups.get(groupOf(file)) ?? []), file]);
  const results: SalesLoadResult[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined) continue;
    const table = salesTableName(first.reportType, first.reportSubType);
    const columns = salesColumnsOf(first.headers);
    if (new Set(columns.map((c) => c.name)).size !== columns.length) {
      throw new OrchardError('BAD_INPUT', `The ${first.reportType} file for ${first.periodStart} repeats a column name; it was not loaded.`, { file: first.filePath });
    }
    await ensureReportTable(connection, table, columns);
    await deletePeriods(connection, table, group);
    try {
      await insertGroup(connection, table, columns, group);
    } catch (error) {
      const message = duckdbMessage(error);
      const culprit = group.find((f) => message.includes(f.filePath)) ?? (group.length === 1 ? first : undefined);
      throw new OrchardError('BAD_INPUT',
        `A ${first.reportType} ${first.frequency.toLowerCase()} file${culprit ? ` (${culprit.periodStart})` : ''} could not be loaded: ${message}`,
        { duckdb: message, ...(culprit ? { file: culprit.filePath } : {}) });
    }
    results.push(...(await countRows(connection, table, group)));
  }
  return results;
}

const periodKey = (f: SalesLoadFile) =>
  `(${sqlString(f.vendorNumber)}, ${sqlString(f.frequency)}, ${sqlDate(f.periodStart)})`;

async function deletePeriods(connection: DuckDBConnection, table: string, files: readonly SalesLoadFile[]): Promise<void> {
  await connection.run(
    `DELETE FROM ${qualified(SALES_SCHEMA, table)} WHERE (_vendor_number, _frequency, _report_date) IN (${files.map(periodKey).join(', ')})`,
  );
}

/** read_csv over the group's files: the header line skipped, columns named and typed by Orchard (matched by name in Node). */
function readCsv(files: readonly SalesLoadFile[], columns: readonly SalesColumn[], types: (c: SalesColumn) => string, dateFormat?: string): string {
  const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(types(c))}`).join(', ');
  return `read_csv([${files.map((f) => sqlString(f.filePath)).join(', ')}], delim='\t', header=true, quote='', escape='',
    auto_detect=false, columns={${spec}}, compression='gzip'${dateFormat ? `, dateformat=${sqlString(dateFormat)}` : ''})`;
}

/**
 * Dates are MM/DD/YYYY in Sales and Trends files (fact sheet §1.4) but ISO in some subscription
 * files: the first dated row of the group's first file decides. A later file of the batch written
 * the other way fails the batch, and the sync's file-by-file retry reads it with its own format.
 */
async function dateFormatOf(connection: DuckDBConnection, file: SalesLoadFile, columns: readonly SalesColumn[]): Promise<string | undefined> {
  const dates = columns.filter((c) => c.type === 'DATE').map((c) => quoteIdent(c.name));
  if (dates.length === 0) return undefined;
  const reader = await connection.runAndReadAll(
    `SELECT coalesce(${dates.join(', ')}) FROM ${readCsv([file], columns, () => 'VARCHAR')} WHERE coalesce(${dates.join(', ')}) IS NOT NULL LIMIT 1`,
  );
  const sample = String(reader.getRowsJson()[0]?.[0] ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(sample) ? '%Y-%m-%d' : '%m/%d/%Y';
}

/**
 * DuckDB's reader types each column (blank → NULL; junk fails the load, naming the file and line);
 * text is kept as Apple wrote it. Provenance comes from a small VALUES list joined on the reader's
 * `file_index` (the position in the file list), so nothing per row is built from a file name.
 */
async function insertGroup(connection: DuckDBConnection, table: string, columns: readonly SalesColumn[], files: readonly SalesLoadFile[]): Promise<void> {
  const dateFormat = await dateFormatOf(connection, files[0]!, columns);
  const provenance = files.map((f, i) =>
    `(${i}, ${sqlString(f.vendorNumber)}, ${sqlString(f.reportType)}, ${sqlString(f.reportSubType)}, ${sqlString(f.frequency)}, ${sqlDate(f.periodStart)}, ${sqlString(f.version)}, ${sqlString(f.checksum)}, ${sqlString(f.fetchedAt.toISOString())}::TIMESTAMP)`);
  await connection.run(`INSERT INTO ${qualified(SALES_SCHEMA, table)} BY NAME
    SELECT ${columns.map((c) => `r.${quoteIdent(c.name)}`).join(', ')}, p._vendor_number, p._report_type, p._report_sub_type, p._frequency,
      p._report_date, p._version, p._file_checksum, p._fetched_at
    FROM ${readCsv(files, columns, (c) => SQL_TYPE[c.type], dateFormat)} AS r
    JOIN (VALUES ${provenance.join(', ')}) AS p(file, _vendor_number, _report_type, _report_sub_type, _frequency, _report_date, _version, _file_checksum, _fetched_at)
      ON r.file_index = p.file`);
}

/** Rows per period, read back from the table (a range scan of two columns, not a second read of the files). */
async function countRows(connection: DuckDBConnection, table: string, files: readonly SalesLoadFile[]): Promise<SalesLoadResult[]> {
  const days = files.map((f) => f.periodStart).sort();
  const reader = await connection.runAndReadAll(
    `SELECT _vendor_number, _frequency, strftime(_report_date, '%Y-%m-%d'), count(*) FROM ${qualified(SALES_SCHEMA, table)}
     WHERE _report_date BETWEEN ${sqlDate(days[0]!)} AND ${sqlDate(days[days.length - 1]!)} GROUP BY ALL`,
  );
  const counts = new Map(reader.getRowsJson().map(([v, f, d, n]) => [`${String(v)}/${String(f)}/${String(d)}`, Number(n)]));
  return files.map((f) => ({ filePath: f.filePath, rows: counts.get(`${f.vendorNumber}/${f.frequency}/${f.periodStart}`) ?? 0 }));
}
