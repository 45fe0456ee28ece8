// Loads downloaded Sales and Trends files into `sales.<type>_<subtype>`: per report date, the
// date's old rows are deleted and the file's rows inserted in the same transaction (a re-issued
// day replaces its rows, never adds to them). Files sharing a header go through ONE read_csv.

import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import { duckdbMessage } from '../errors';
import { qualified, quoteIdent, sqlDate, sqlString } from '../sql';
import { castExpression, salesColumnsOf } from './salesColumns';
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
      await insertGroup(connection, table, group);
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

async function insertGroup(connection: DuckDBConnection, table: string, files: readonly SalesLoadFile[]): Promise<void> {
  const first = files[0]!;
  const columns = salesColumnsOf(first.headers);
  // Positional names: the header line is skipped and matched by name in Node, never by DuckDB.
  const read = columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const select = columns.map((c, i) => `${castExpression(c, `r.c${i}`)} AS ${quoteIdent(c.name)}`);
  const provenance = files.map((f) =>
    `(${sqlString(f.filePath)}, ${sqlString(f.vendorNumber)}, ${sqlString(f.reportType)}, ${sqlString(f.reportSubType)}, ${sqlString(f.frequency)}, ${sqlDate(f.periodStart)}, ${sqlString(f.version)}, ${sqlString(f.checksum)}, ${sqlString(f.fetchedAt.toISOString())}::TIMESTAMP)`);
  await connection.run(`INSERT INTO ${qualified(SALES_SCHEMA, table)} BY NAME
    SELECT ${select.join(', ')}, p._vendor_number, p._report_type, p._report_sub_type, p._frequency, p._report_date, p._version,
      p._file_checksum, p._fetched_at
    FROM read_csv([${files.map((f) => sqlString(f.filePath)).join(', ')}], delim='\t', header=true, quote='', escape='',
      auto_detect=false, columns={${read}}, filename=true, compression='gzip') AS r
    JOIN (VALUES ${provenance.join(', ')}) AS p(file, _vendor_number, _report_type, _report_sub_type, _frequency, _report_date, _version, _file_checksum, _fetched_at)
      ON r.filename = p.file`);
}

async function countRows(connection: DuckDBConnection, table: string, files: readonly SalesLoadFile[]): Promise<SalesLoadResult[]> {
  const reader = await connection.runAndReadAll(
    `SELECT _frequency, strftime(_report_date, '%Y-%m-%d'), count(*) FROM ${qualified(SALES_SCHEMA, table)}
     WHERE (_vendor_number, _frequency, _report_date) IN (${files.map(periodKey).join(', ')}) GROUP BY ALL`,
  );
  const counts = new Map(reader.getRowsJson().map(([f, d, n]) => [`${String(f)}/${String(d)}`, Number(n)]));
  return files.map((f) => ({ filePath: f.filePath, rows: counts.get(`${f.frequency}/${f.periodStart}`) ?? 0 }));
}
