// Recent money per currency from the daily view, plus which days in the range are still
// unpublished, so a screen can say "data up to" and leave those days blank instead of zero.

import type { DuckDBConnection } from '@duckdb/node-api';
import type { SalesTotals } from '../../../shared/sales';
import { SALES_SCHEMA } from './salesTables';

/** `appId`: one app's rows only (its SKU matched through orchard.apps); all apps when absent. */
export async function readSalesTotals(connection: DuckDBConnection, vendorNumber: string, from: string, to: string, appId?: string): Promise<SalesTotals> {
  const money = await connection.runAndReadAll(
    `SELECT currency, CAST(sum(proceeds) AS VARCHAR) AS proceeds,
       CAST(coalesce(sum(units) FILTER (WHERE product_group = 'first-time download'), 0) AS VARCHAR) AS downloads
     FROM ${SALES_SCHEMA}.daily WHERE vendor_number = $vendor AND date BETWEEN $from::DATE AND $to::DATE AND ($app::VARCHAR IS NULL OR app_id = $app::VARCHAR)
     GROUP BY currency ORDER BY sum(units) FILTER (WHERE product_group = 'first-time download') DESC NULLS LAST, currency`,
    { vendor: vendorNumber, from, to, app: appId ?? null },
  );
  const ledger = await connection.runAndReadAll(
    `SELECT max(report_date) FILTER (WHERE outcome IN ('loaded', 'no-sales')) AS up_to,
       list(report_date ORDER BY report_date) FILTER (WHERE outcome = 'not-yet' AND report_date BETWEEN $from AND $to) AS not_yet
     FROM orchard.sales_dates WHERE vendor_number = $vendor AND report_type = 'SALES' AND frequency = 'DAILY'`,
    { vendor: vendorNumber, from, to },
  );
  const [row] = ledger.getRowObjectsJson();
  const upTo = row?.up_to;
  return {
    from, to, ...(appId ? { appId } : {}),
    currencies: money.getRowObjectsJson().map((r) => ({ currency: String(r.currency), proceeds: String(r.proceeds), downloads: String(r.downloads) })),
    ...(typeof upTo === 'string' ? { dataUpTo: upTo } : {}),
    notYetDays: Array.isArray(row?.not_yet) ? row.not_yet.map(String) : [],
  };
}
