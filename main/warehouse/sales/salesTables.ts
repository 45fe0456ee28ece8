// The `sales` schema: one raw table per Sales and Trends report type (all frequencies, with
// provenance), the product-type lookup, the user's FX rates, and the per-date ledger in `orchard`.
// Created idempotently; extra columns a file brings are added as they appear.

import type { DuckDBConnection } from '@duckdb/node-api';
import { qualified, quoteIdent, sqlString } from '../sql';
import { SQL_TYPE, salesColumnsOf, type SalesColumn } from './salesColumns';
import { FINANCIAL_HEADER, FISCAL_MONTHS, PRODUCT_TYPES, SALES_HEADER_28 } from './salesCatalogue';

export const SALES_SCHEMA = 'sales';

/**
 * Provenance of every Sales and Trends row: the id of its file in `sales.files`, which holds the
 * vendor, report, frequency, date, version, checksum and fetch time once per file. One integer per
 * row instead of eight columns: a year of daily files loads about a quarter faster (npm run bench).
 */
export const SALES_PROVENANCE: ReadonlyArray<readonly [string, string]> = [['_file_id', 'INTEGER']];

/** One row per loaded Sales and Trends file; a re-issued period's old row goes with its rows. */
export const SALES_FILES_DDL = `CREATE TABLE IF NOT EXISTS ${SALES_SCHEMA}.files (
    file_id INTEGER NOT NULL, vendor_number VARCHAR NOT NULL, report_type VARCHAR NOT NULL, report_sub_type VARCHAR NOT NULL,
    frequency VARCHAR NOT NULL, report_date DATE NOT NULL, version VARCHAR, file_checksum VARCHAR NOT NULL,
    fetched_at TIMESTAMP NOT NULL, row_count BIGINT NOT NULL)`;

/** Provenance of finance rows: region and Apple fiscal month instead of frequency and date. */
export const FINANCE_PROVENANCE: ReadonlyArray<readonly [string, string]> = [
  ['_vendor_number', 'VARCHAR'], ['_region_code', 'VARCHAR'], ['_fiscal_month', 'VARCHAR'], ['_file_checksum', 'VARCHAR'], ['_fetched_at', 'TIMESTAMP'],
];

/** `SALES` → `sales.sales_summary`; `SUBSCRIPTION_EVENT` → `sales.subscription_event_summary`. */
export function salesTableName(reportType: string, reportSubType: string): string {
  return `${reportType}_${reportSubType}`.toLowerCase();
}

export const SALES_DDL: readonly string[] = [
  `CREATE SCHEMA IF NOT EXISTS ${SALES_SCHEMA}`,
  SALES_FILES_DDL,
  `CREATE TABLE IF NOT EXISTS orchard.sales_dates (
    vendor_number VARCHAR NOT NULL, report_type VARCHAR NOT NULL, report_sub_type VARCHAR NOT NULL,
    frequency VARCHAR NOT NULL, report_date VARCHAR NOT NULL, period_start DATE NOT NULL, version VARCHAR,
    outcome VARCHAR NOT NULL, detail VARCHAR, file_checksum VARCHAR, file_path VARCHAR, row_count BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0, fetched_at TIMESTAMP, loaded_at TIMESTAMP,
    PRIMARY KEY (vendor_number, report_type, report_sub_type, frequency, report_date))`,
  `CREATE TABLE IF NOT EXISTS ${SALES_SCHEMA}.product_types (
    product_type_identifier VARCHAR PRIMARY KEY, product_group VARCHAR NOT NULL, description VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${SALES_SCHEMA}.fx_rates (
    currency VARCHAR NOT NULL, target_currency VARCHAR NOT NULL, rate DECIMAL(18,8) NOT NULL,
    valid_from DATE NOT NULL, valid_to DATE NOT NULL, source VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${SALES_SCHEMA}.reporting_currency (currency VARCHAR NOT NULL)`,
  // A table, not a formula: Apple's 4-4-5 fiscal months are irregular (fact sheet §2). Rows the
  // user corrects are kept (INSERT OR IGNORE below never overwrites them).
  `CREATE TABLE IF NOT EXISTS ${SALES_SCHEMA}.fiscal_calendar (
    fiscal_month VARCHAR PRIMARY KEY, start_date DATE NOT NULL, end_date DATE NOT NULL, source VARCHAR NOT NULL)`,
];

export async function ensureSalesTables(connection: DuckDBConnection): Promise<void> {
  for (const statement of SALES_DDL) await connection.run(statement);
  const values = PRODUCT_TYPES.map(([code, group, description]) => `(${sqlString(code)}, ${sqlString(group)}, ${sqlString(description)})`);
  await connection.run(`INSERT OR REPLACE INTO ${SALES_SCHEMA}.product_types VALUES ${values.join(', ')}`);
  const months = FISCAL_MONTHS.map(([m, from, to]) => `(${sqlString(m)}, DATE ${sqlString(from)}, DATE ${sqlString(to)}, 'Orchard (4-4-5 weeks; verify against Apple)')`);
  await connection.run(`INSERT OR IGNORE INTO ${SALES_SCHEMA}.fiscal_calendar VALUES ${months.join(', ')}`);
  await ensureReportTable(connection, salesTableName('SALES', 'SUMMARY'), salesColumnsOf(SALES_HEADER_28));
  await ensureReportTable(connection, 'financial', salesColumnsOf(FINANCIAL_HEADER), FINANCE_PROVENANCE);
}

/** Creates the report's table if needed and adds any column a new file brings (kept, never dropped). */
export async function ensureReportTable(
  connection: DuckDBConnection, table: string, columns: readonly SalesColumn[], provenance = SALES_PROVENANCE,
): Promise<void> {
  const definitions = [...columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPE[c.type]}`), ...provenance.map(([n, t]) => `${n} ${t}`)];
  await connection.run(`CREATE TABLE IF NOT EXISTS ${qualified(SALES_SCHEMA, table)} (${definitions.join(', ')})`);
  const existing = await connection.runAndReadAll(
    `SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table`,
    { schema: SALES_SCHEMA, table },
  );
  const have = new Set(existing.getRowsJson().map(([name]) => String(name)));
  for (const column of columns.filter((c) => !have.has(c.name))) {
    await connection.run(`ALTER TABLE ${qualified(SALES_SCHEMA, table)} ADD COLUMN ${quoteIdent(column.name)} ${SQL_TYPE[column.type]}`);
  }
}
