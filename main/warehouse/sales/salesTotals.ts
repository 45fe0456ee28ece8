// Recent money per currency from the daily view over the last N days that Apple has published:
// the window ends at the newest daily report loaded or confirmed a zero (`dataUpTo`), never at the
// calendar's yesterday, so an unpublished day is never counted as a day without sales. The days
// in or after the window without an answer are named, so a screen leaves them blank, not zero.

import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { SalesTotals } from '../../../shared/sales';
import { readSalesApps } from './salesApps';
import { SALES_SCHEMA } from './salesTables';

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface SalesTotalsWindow {
  /** How many published days to sum, ending at the newest one. */
  days: number;
  /** Today in Pacific time (YYYY-MM-DD): days after the window up to its eve are named as gaps. */
  today: string;
  /** One app's rows only (an Apple ID from the app list); all apps when absent. */
  appId?: string;
}

export async function readSalesTotals(connection: DuckDBConnection, vendorNumber: string, window: SalesTotalsWindow): Promise<SalesTotals> {
  const ledger = await connection.runAndReadAll(
    `SELECT report_date, outcome FROM orchard.sales_dates
     WHERE vendor_number = $vendor AND report_type = 'SALES' AND report_sub_type = 'SUMMARY' AND frequency = 'DAILY'`,
    { vendor: vendorNumber },
  );
  const outcomeOf = new Map(ledger.getRowObjectsJson().map((r) => [String(r.report_date), String(r.outcome)]));
  const settled = [...outcomeOf].filter(([, o]) => o === 'loaded' || o === 'no-sales').map(([d]) => d).sort();
  const dataUpTo = settled.at(-1);
  const apps = await readSalesApps(connection, vendorNumber);
  const base = { days: window.days, ...(window.appId ? { appId: window.appId } : {}), apps };
  const yesterday = dayNumber(window.today) - 1;
  if (dataUpTo === undefined) {
    // Nothing published is loaded: no window and no sums, only what Apple has said so far.
    const notYetDays = [...outcomeOf].filter(([d, o]) => o === 'not-yet' && dayNumber(d) <= yesterday).map(([d]) => d).sort();
    return { ...base, currencies: [], notYetDays, missingDays: [] };
  }
  const to = dataUpTo;
  const from = isoOf(dayNumber(to) - window.days + 1);
  const notYetDays: string[] = [];
  const missingDays: string[] = [];
  for (let d = dayNumber(from); d <= Math.max(yesterday, dayNumber(to)); d++) {
    const day = isoOf(d);
    const outcome = outcomeOf.get(day);
    if (outcome === 'loaded' || outcome === 'no-sales') continue;
    (outcome === 'not-yet' ? notYetDays : missingDays).push(day);
  }
  // One app's rows are its SKUs' (usually one), taken from the app list already read.
  const skus = window.appId === undefined ? null : apps.filter((a) => a.appId === window.appId).map((a) => a.sku);
  const money = await connection.runAndReadAll(
    `SELECT currency, CAST(sum(proceeds) AS VARCHAR) AS proceeds,
       CAST(coalesce(sum(units) FILTER (WHERE product_group = 'first-time download'), 0) AS VARCHAR) AS downloads
     FROM ${SALES_SCHEMA}.daily
     WHERE vendor_number = $vendor AND date BETWEEN $from::DATE AND $to::DATE
       AND ($skus IS NULL OR list_contains($skus, app_sku))
     GROUP BY currency ORDER BY sum(units) FILTER (WHERE product_group = 'first-time download') DESC NULLS LAST, currency`,
    { vendor: vendorNumber, from, to, skus: skus === null ? null : listValue(skus) },
    { skus: LIST(VARCHAR) },
  );
  return {
    ...base, from, to, dataUpTo, notYetDays, missingDays,
    currencies: money.getRowObjectsJson().map((r) => ({ currency: String(r.currency), proceeds: String(r.proceeds), downloads: String(r.downloads) })),
  };
}
