// orchard.sales_dates: the outcome of every Sales and Trends report date Orchard asked for —
// loaded, no sales (a real zero), not yet (retry), gone (past retention) or error — so a chart can
// tell a missing day from a zero and the next sync knows what to fetch again.

import { dateValueFromDate, timestampValueFromDate, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { SalesDateOutcome } from '../../../shared/sales';

export interface SalesDateRecord {
  vendorNumber: string;
  reportType: string;
  reportSubType: string;
  frequency: string;
  /** As sent to Apple: YYYY-MM-DD, YYYY-MM or YYYY. */
  reportDate: string;
  periodStart: string;
  version?: string;
  outcome: SalesDateOutcome;
  detail?: string;
  fileChecksum?: string;
  /** Relative to the data folder. */
  filePath?: string;
  rowCount?: number;
  fetchedAt: Date;
}

const LEDGER_COLUMNS = `vendor_number, report_type, report_sub_type, frequency, report_date, period_start, version,
  outcome, detail, file_checksum, file_path, row_count, attempts, fetched_at, loaded_at`;
/** Where a batch's records wait for the upsert: a temp table of this connection, emptied each time. */
const STAGED = 'sales_dates_staged';

/**
 * Upserts every record in ONE statement (a year's backfill records hundreds of dates per batch).
 * The records reach DuckDB through an appender into a temp table, not as a VALUES list: parsing a
 * few hundred 15-column rows of SQL took longer than the upsert itself.
 */
export async function recordSalesDates(connection: DuckDBConnection, records: readonly SalesDateRecord[]): Promise<void> {
  if (records.length === 0) return;
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${STAGED} AS SELECT ${LEDGER_COLUMNS} FROM orchard.sales_dates LIMIT 0`);
  await connection.run(`DELETE FROM temp.main.${STAGED}`);
  const appender = await connection.createAppender(STAGED, 'main', 'temp');
  try {
    for (const r of records) appendRecord(appender, r);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  await connection.run(
    `INSERT INTO orchard.sales_dates (${LEDGER_COLUMNS}) SELECT ${LEDGER_COLUMNS} FROM temp.main.${STAGED}
     ON CONFLICT DO UPDATE SET version = excluded.version, outcome = excluded.outcome, detail = excluded.detail,
       file_checksum = coalesce(excluded.file_checksum, file_checksum), file_path = coalesce(excluded.file_path, file_path),
       row_count = CASE WHEN excluded.outcome IN ('loaded', 'no-sales') THEN coalesce(excluded.row_count, row_count) ELSE row_count END,
       attempts = attempts + 1, fetched_at = excluded.fetched_at, loaded_at = coalesce(excluded.loaded_at, loaded_at)`,
  );
}

function appendRecord(appender: DuckDBAppender, r: SalesDateRecord): void {
  const text = (v: string | undefined) => (v === undefined ? appender.appendNull() : appender.appendVarchar(v));
  const settled = r.outcome === 'loaded' || r.outcome === 'no-sales';
  const rows = r.outcome === 'no-sales' ? 0 : r.rowCount;
  for (const value of [r.vendorNumber, r.reportType, r.reportSubType, r.frequency, r.reportDate]) appender.appendVarchar(value);
  appender.appendDate(dateValueFromDate(new Date(`${r.periodStart}T00:00:00Z`)));
  text(r.version);
  appender.appendVarchar(r.outcome);
  text(r.detail);
  text(r.fileChecksum);
  text(r.filePath);
  if (rows === undefined) appender.appendNull();
  else appender.appendBigInt(BigInt(Math.trunc(rows)));
  appender.appendInteger(1);
  appender.appendTimestamp(timestampValueFromDate(r.fetchedAt));
  if (settled) appender.appendTimestamp(timestampValueFromDate(r.fetchedAt));
  else appender.appendNull();
  appender.endRow();
}

export interface SalesDateRow {
  reportType: string;
  reportSubType: string;
  frequency: string;
  reportDate: string;
  outcome: SalesDateOutcome;
  detail: string | null;
  fileChecksum: string | null;
  rowCount: number | null;
  attempts: number;
}

export async function readSalesDates(connection: DuckDBConnection, vendorNumber: string): Promise<SalesDateRow[]> {
  const reader = await connection.runAndReadAll(
    `SELECT report_type, report_sub_type, frequency, report_date, outcome, detail, file_checksum, row_count, attempts
     FROM orchard.sales_dates WHERE vendor_number = $vendor ORDER BY report_type, frequency, report_date`,
    { vendor: vendorNumber },
  );
  return reader.getRowObjectsJson().map((r) => ({
    reportType: String(r.report_type), reportSubType: String(r.report_sub_type), frequency: String(r.frequency),
    reportDate: String(r.report_date), outcome: String(r.outcome) as SalesDateOutcome, detail: r.detail === null ? null : String(r.detail),
    fileChecksum: r.file_checksum === null ? null : String(r.file_checksum), rowCount: r.row_count === null ? null : Number(r.row_count),
    attempts: Number(r.attempts),
  }));
}
