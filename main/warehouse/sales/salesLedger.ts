// orchard.sales_dates: the outcome of every Sales and Trends report date Orchard asked for —
// loaded, no sales (a real zero), not yet (retry), gone (past retention) or error — so a chart can
// tell a missing day from a zero and the next sync knows what to fetch again.

import type { DuckDBConnection } from '@duckdb/node-api';
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

export async function recordSalesDates(connection: DuckDBConnection, records: readonly SalesDateRecord[]): Promise<void> {
  for (const r of records) {
    const loaded = r.outcome === 'loaded' || r.outcome === 'no-sales';
    await connection.run(
      `INSERT INTO orchard.sales_dates (vendor_number, report_type, report_sub_type, frequency, report_date, period_start, version,
         outcome, detail, file_checksum, file_path, row_count, attempts, fetched_at, loaded_at)
       VALUES ($vendor, $type, $sub, $freq, $date, $start::DATE, $version, $outcome, $detail, $checksum, $path, $rows, 1, $at::TIMESTAMP,
         CASE WHEN $loaded THEN $at::TIMESTAMP END)
       ON CONFLICT DO UPDATE SET version = excluded.version, outcome = excluded.outcome, detail = excluded.detail,
         file_checksum = coalesce(excluded.file_checksum, file_checksum), file_path = coalesce(excluded.file_path, file_path),
         row_count = CASE WHEN excluded.outcome IN ('loaded', 'no-sales') THEN excluded.row_count ELSE row_count END,
         attempts = attempts + 1, fetched_at = excluded.fetched_at, loaded_at = coalesce(excluded.loaded_at, loaded_at)`,
      {
        vendor: r.vendorNumber, type: r.reportType, sub: r.reportSubType, freq: r.frequency, date: r.reportDate, start: r.periodStart,
        version: r.version ?? null, outcome: r.outcome, detail: r.detail ?? null, checksum: r.fileChecksum ?? null, path: r.filePath ?? null,
        rows: r.outcome === 'no-sales' ? 0 : r.rowCount ?? null, at: r.fetchedAt.toISOString(), loaded,
      },
    );
  }
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
