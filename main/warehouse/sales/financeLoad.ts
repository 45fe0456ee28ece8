// Loads one Finance file into `sales.financial` or `sales.finance_detail` and proves it whole: the
// rows loaded must add up to the file's own trailer (Total_Rows, Total_Units, Total_Amount), or
// the file is refused with the difference named and nothing is kept. A data row is a line whose
// first field is an MM/DD/YYYY date; metadata lines, blank tab lines, trailers and the `Country…`
// summary blocks are not (fact sheet §2). DuckDB reads the file; Node only finds the header.

import type { DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../../shared/errors';
import { qualified, quoteIdent, sqlString } from '../sql';
import { castExpression, salesColumnsOf } from './salesColumns';
import { ensureReportTable, FINANCE_PROVENANCE, SALES_SCHEMA } from './salesTables';

export interface FinanceLoadFile {
  vendorNumber: string;
  reportType: 'FINANCIAL' | 'FINANCE_DETAIL';
  regionCode: string;
  fiscalMonth: string;
  checksum: string;
  fetchedAt: Date;
  filePath: string;
  headers: readonly string[];
}

export const financeTable = (type: FinanceLoadFile['reportType']) => (type === 'FINANCIAL' ? 'financial' : 'finance_detail');

/** The data header among a finance file's first lines (metadata lines may come first). */
export function financeHeader(text: string): string[] | undefined {
  for (const line of text.split('\n', 40)) {
    const fields = line.replace(/^\uFEFF/, '').replace(/\r$/, '').split('\t').map((f) => f.trim());
    if ((fields[0] === 'Start Date' || fields[0] === 'Transaction Date') && fields.length > 5) return fields;
  }
  return undefined;
}

/** `checked`: false when the file has no `Total_*` trailer line to check it against (loaded, and marked unchecked). */
export async function loadFinanceFile(connection: DuckDBConnection, file: FinanceLoadFile): Promise<{ rows: number; checked: boolean }> {
  const table = financeTable(file.reportType);
  const columns = salesColumnsOf(file.headers);
  await ensureReportTable(connection, table, columns, FINANCE_PROVENANCE);
  const where = `_vendor_number = ${sqlString(file.vendorNumber)} AND _region_code = ${sqlString(file.regionCode)} AND _fiscal_month = ${sqlString(file.fiscalMonth)}`;
  await connection.run(`DELETE FROM ${qualified(SALES_SCHEMA, table)} WHERE ${where}`);
  const read = `read_csv(${sqlString(file.filePath)}, delim='\t', header=false, quote='', escape='', auto_detect=false, null_padding=true,
    columns={${columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}, compression='gzip')`;
  const select = columns.map((c, i) => `${castExpression(c, `c${i}`)} AS ${quoteIdent(c.name)}`);
  await connection.run(`INSERT INTO ${qualified(SALES_SCHEMA, table)} BY NAME
    SELECT ${select.join(', ')}, ${sqlString(file.vendorNumber)} AS _vendor_number, ${sqlString(file.regionCode)} AS _region_code,
      ${sqlString(file.fiscalMonth)} AS _fiscal_month, ${sqlString(file.checksum)} AS _file_checksum, ${sqlString(file.fetchedAt.toISOString())}::TIMESTAMP AS _fetched_at
    FROM ${read} WHERE regexp_full_match(trim(c0), '\\d{2}/\\d{2}/\\d{4}')`);
  return checkTrailer(connection, file, table, where, read);
}

async function checkTrailer(connection: DuckDBConnection, file: FinanceLoadFile, table: string, where: string, read: string): Promise<{ rows: number; checked: boolean }> {
  const loaded = await connection.runAndReadAll(
    `SELECT count(*), CAST(coalesce(sum(quantity), 0) AS VARCHAR), CAST(coalesce(sum(extended_partner_share), 0) AS VARCHAR)
     FROM ${qualified(SALES_SCHEMA, table)} WHERE ${where}`,
  );
  const [rows, units, amount] = loaded.getRowsJson()[0] ?? [0, '0', '0'];
  // `Total_Amount\t206.89` today; `Total_Amount: 206.89` in older files.
  const trailer = await connection.runAndReadAll(
    `SELECT regexp_extract(trim(c0), '^Total_(Rows|Amount|Units)', 1) AS what,
            CAST(trim(coalesce(nullif(trim(c1), ''), split_part(c0, ':', 2))) AS DECIMAL(38,6)) AS value
     FROM ${read} WHERE trim(c0) LIKE 'Total\\_%' ESCAPE '\\'`,
  );
  const totals = new Map(trailer.getRowsJson().map(([what, value]) => [String(what), String(value)]));
  const differences: string[] = [];
  const compare = (what: string, label: string, got: string) => {
    const expected = totals.get(what);
    if (expected !== undefined && Number(expected) !== Number(got)) differences.push(`${label} ${got} loaded, ${Number(expected)} in the trailer (difference ${(Number(got) - Number(expected)).toFixed(2)})`);
  };
  compare('Rows', 'rows:', String(rows));
  compare('Units', 'units:', String(units));
  compare('Amount', 'amount:', String(amount));
  if (differences.length > 0) {
    throw new OrchardError('CHECKSUM_MISMATCH',
      `The ${file.reportType} file for region ${file.regionCode}, fiscal month ${file.fiscalMonth}, does not add up to its own trailer (${differences.join('; ')}); it was not loaded.`,
      { regionCode: file.regionCode, fiscalMonth: file.fiscalMonth, differences });
  }
  return { rows: Number(rows), checked: totals.size > 0 };
}
