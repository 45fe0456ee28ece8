// Loads downloaded Sales and Trends files into `sales.<type>_<subtype>`: per report date, the
// date's old file (its `sales.files` row and its rows) is deleted and the new one inserted in the
// same transaction (a re-issued day replaces its rows, never adds to them). Files sharing a header
// go through ONE read_csv that types every column itself, straight into the table: no second pass,
// no cast over text, and per row only the file's id (read_csv's own file_index plus an offset).

import { dateValueFromDate, timestampValueFromDate, type DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import { duckdbMessage } from '../errors';
import { qualified, quoteIdent, sqlDate, sqlString } from '../sql';
import { SQL_TYPE, salesColumnsOf, type SalesColumn, type SalesDateFormat } from './salesColumns';
import { ensureReportTable, SALES_SCHEMA, salesTableName } from './salesTables';

export interface SalesLoadFile {
  vendorNumber: string;
  reportType: string;
  reportSubType: string;
  frequency: string;
  /** First day of the period the file covers (`YYYY-MM-DD`). */
  periodStart: string;
  /** Undefined for a file reloaded from the data folder: its name does not say which version Apple served. */
  version?: string;
  checksum: string;
  fetchedAt: Date;
  /** Real absolute path of the `.gz` file, exactly as passed to read_csv. */
  filePath: string;
  /** Header fields as the file has them (trimmed, BOM removed). */
  headers: readonly string[];
  /** From checkSalesFile; absent: MM/DD/YYYY, the format Apple documents. */
  dateFormat?: SalesDateFormat | undefined;
}

export interface SalesLoadResult {
  filePath: string;
  rows: number;
  /** The file's `sales.files.file_id`, carried by each of its rows as `_file_id`. */
  fileId: number;
}

/** Files read by one read_csv: same table, same header, same date format (a batch may mix formats). */
function groupOf(file: SalesLoadFile): string {
  return `${salesTableName(file.reportType, file.reportSubType)}\n${file.headers.join('\t')}\n${file.dateFormat ?? ''}`;
}

/** Loads every file; the caller runs this inside one transaction. */
export async function loadSalesFiles(connection: DuckDBConnection, files: readonly SalesLoadFile[]): Promise<SalesLoadResult[]> {
  // A batch with no file (a kind whose every date was "no sales", a re-sync with nothing new) loads nothing.
  if (files.length === 0) return [];
  const groups = new Map<string, SalesLoadFile[]>();
  for (const file of files) groups.set(groupOf(file), [...(groups.get(groupOf(file)) ?? []), file]);
  // Read before anything is deleted, so a replaced file's id is never handed out again.
  let nextId = await nextFileId(connection);
  await deletePeriods(connection, files);
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
    const firstId = nextId;
    nextId += group.length;
    try {
      await insertGroup(connection, table, columns, group, firstId);
    } catch (error) {
      const message = duckdbMessage(error);
      const culprit = group.find((f) => message.includes(f.filePath)) ?? (group.length === 1 ? first : undefined);
      throw new OrchardError('BAD_INPUT',
        `A ${first.reportType} ${first.frequency.toLowerCase()} file${culprit ? ` (${culprit.periodStart})` : ''} could not be loaded: ${message}`,
        { duckdb: message, ...(culprit ? { file: culprit.filePath } : {}) });
    }
    results.push(...(await countRows(connection, table, group, firstId)));
  }
  await recordFiles(connection, files, results);
  return results;
}

async function nextFileId(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT coalesce(max(file_id), 0) + 1 FROM ${SALES_SCHEMA}.files`);
  return Number(reader.getRowsJson()[0]?.[0] ?? 1);
}

const kindKey = (vendor: unknown, type: unknown, subType: unknown, frequency: unknown) => [vendor, type, subType, frequency].map(String).join('/');

/** The periods' previous files: their rows in every report table, then their `sales.files` rows. */
async function deletePeriods(connection: DuckDBConnection, files: readonly SalesLoadFile[]): Promise<void> {
  const periods = new Set(files.map((f) => `${kindKey(f.vendorNumber, f.reportType, f.reportSubType, f.frequency)}/${f.periodStart}`));
  const days = [...new Set(files.map((f) => sqlDate(f.periodStart)))];
  // One cheap lookup by date (usually nothing: a backfill's days are new); the exact match in Node.
  const reader = await connection.runAndReadAll(
    `SELECT file_id, vendor_number, report_type, report_sub_type, frequency, strftime(report_date, '%Y-%m-%d')
     FROM ${SALES_SCHEMA}.files WHERE report_date IN (${days.join(', ')})`,
  );
  const old = reader.getRowsJson().filter(([, v, t, s, f, d]) => periods.has(`${kindKey(v, t, s, f)}/${String(d)}`));
  if (old.length === 0) return;
  const tables = new Set(old.map(([, , type, subType]) => salesTableName(String(type), String(subType))));
  const ids = old.map(([id]) => Number(id)).join(', ');
  for (const table of tables) await connection.run(`DELETE FROM ${qualified(SALES_SCHEMA, table)} WHERE _file_id IN (${ids})`);
  await connection.run(`DELETE FROM ${SALES_SCHEMA}.files WHERE file_id IN (${ids})`);
}

/** One `sales.files` row per loaded file, through an appender (a few hundred VALUES rows take longer to parse than to write). */
async function recordFiles(connection: DuckDBConnection, files: readonly SalesLoadFile[], results: readonly SalesLoadResult[]): Promise<void> {
  const byPath = new Map(results.map((r) => [r.filePath, r]));
  const appender = await connection.createAppender('files', SALES_SCHEMA);
  try {
    for (const file of files) {
      const result = byPath.get(file.filePath);
      if (result === undefined) continue;
      appender.appendInteger(result.fileId);
      for (const text of [file.vendorNumber, file.reportType, file.reportSubType, file.frequency]) appender.appendVarchar(text);
      appender.appendDate(dateValueFromDate(new Date(`${file.periodStart}T00:00:00Z`)));
      if (file.version === undefined) appender.appendNull();
      else appender.appendVarchar(file.version);
      appender.appendVarchar(file.checksum);
      appender.appendTimestamp(timestampValueFromDate(file.fetchedAt));
      appender.appendBigInt(BigInt(result.rows));
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** read_csv over the group's files: the header line skipped, columns named and typed by Orchard (matched by name in Node). */
function readCsv(files: readonly SalesLoadFile[], columns: readonly SalesColumn[], dateFormat: SalesDateFormat): string {
  const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(SQL_TYPE[c.type])}`).join(', ');
  return `read_csv([${files.map((f) => sqlString(f.filePath)).join(', ')}], delim='\t', header=true, quote='', escape='',
    auto_detect=false, columns={${spec}}, compression='gzip', dateformat=${sqlString(dateFormat)})`;
}

/**
 * DuckDB's reader types each column (blank → NULL; junk fails the load, naming the file and line);
 * text is kept as Apple wrote it. A row's file id is the reader's `file_index` (its file's position
 * in the list) plus the group's first id: nothing per row is built from a file name or a join.
 */
async function insertGroup(connection: DuckDBConnection, table: string, columns: readonly SalesColumn[], files: readonly SalesLoadFile[], firstId: number): Promise<void> {
  await connection.run(`INSERT INTO ${qualified(SALES_SCHEMA, table)} BY NAME
    SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')}, CAST(file_index + ${firstId} AS INTEGER) AS _file_id
    FROM ${readCsv(files, columns, files[0]?.dateFormat ?? '%m/%d/%Y')}`);
}

/** Rows per file, read back from the table: the group's ids are one range, the last rows appended. */
async function countRows(connection: DuckDBConnection, table: string, files: readonly SalesLoadFile[], firstId: number): Promise<SalesLoadResult[]> {
  const reader = await connection.runAndReadAll(
    `SELECT _file_id, count(*) FROM ${qualified(SALES_SCHEMA, table)} WHERE _file_id BETWEEN ${firstId} AND ${firstId + files.length - 1} GROUP BY 1`,
  );
  const counts = new Map(reader.getRowsJson().map(([id, n]) => [Number(id), Number(n)]));
  return files.map((f, i) => ({ filePath: f.filePath, rows: counts.get(firstId + i) ?? 0, fileId: firstId + i }));
}
