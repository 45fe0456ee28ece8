// Which apps a vendor's daily Summary Sales rows are about, for the Sales page's app picker and
// its per-app totals. Apple names an app in these rows by SKU: its own rows (downloads, updates)
// carry its SKU and Apple Identifier, its in-app purchases carry the app's SKU as Parent Identifier
// (fact sheet §1.8). The Apple ID comes from orchard.apps when the analytics side knows the SKU,
// else from the app's own rows, so a team that syncs only sales can still pick an app.

import type { DuckDBConnection } from '@duckdb/node-api';
import type { SalesApp } from '../../../shared/sales';
import { SALES_SCHEMA } from './salesTables';

/**
 * `(app_sku, app_id, name)` for every app with daily rows of `$vendor`. The rows are first cut to
 * their few distinct (parent, SKU, Apple Identifier, Title) combinations, each with its newest day,
 * so naming the apps costs one grouped scan of the table, not a pass per row over text.
 */
export const SALES_APPS_CTE = `sales_app_combos AS (
  SELECT s.parent_identifier AS parent, s.sku, s.apple_identifier AS apple_id, s.title, max(f.report_date) AS newest
  FROM ${SALES_SCHEMA}.sales_summary AS s JOIN ${SALES_SCHEMA}.files AS f ON f.file_id = s._file_id
  WHERE f.vendor_number = $vendor AND f.frequency = 'DAILY'
  GROUP BY ALL
), sales_app_lines AS (
  SELECT CASE WHEN coalesce(parent, '') <> '' THEN parent ELSE sku END AS app_sku, coalesce(parent, '') = '' AS own,
    CAST(apple_id AS VARCHAR) AS apple_id, trim(title) AS title, newest
  FROM sales_app_combos
), sales_app_own AS (
  SELECT app_sku, arg_max(apple_id, newest) AS apple_id, arg_max(title, newest) AS title
  FROM sales_app_lines WHERE own GROUP BY app_sku
), sales_apps AS (
  SELECT k.app_sku, coalesce(a.app_id, o.apple_id) AS app_id, coalesce(a.name, nullif(o.title, ''), k.app_sku) AS name
  FROM (SELECT DISTINCT app_sku FROM sales_app_lines) AS k
  LEFT JOIN sales_app_own AS o USING (app_sku)
  LEFT JOIN orchard.apps AS a ON a.sku = k.app_sku
)`;

/** Apps with an Apple ID Orchard can filter by (digits, as the IPC contract takes it), by name. */
export async function readSalesApps(connection: DuckDBConnection, vendorNumber: string): Promise<SalesApp[]> {
  const reader = await connection.runAndReadAll(
    `WITH ${SALES_APPS_CTE}
     SELECT app_id, app_sku, name FROM sales_apps WHERE regexp_full_match(coalesce(app_id, ''), '\\d{1,20}')
     ORDER BY lower(name), app_id`,
    { vendor: vendorNumber },
  );
  return reader.getRowObjectsJson().map((r) => ({ appId: String(r.app_id), sku: String(r.app_sku), name: String(r.name) }));
}
