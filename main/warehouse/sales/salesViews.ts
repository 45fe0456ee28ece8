// Views over the raw Summary Sales rows that a user can sum safely: one per frequency, grouped by
// app, product group, territory and currency — money is never summed across currencies. The
// converted view shows the rate it used and keeps rows it could not convert (rate NULL).

import type { DuckDBConnection } from '@duckdb/node-api';
import { SALES_SCHEMA } from './salesTables';

const FREQUENCY_VIEWS = [['DAILY', 'daily'], ['WEEKLY', 'weekly'], ['MONTHLY', 'monthly'], ['YEARLY', 'yearly']] as const;

// Each row's provenance comes from its file (`sales.files`), under the names a row once carried.
const LINES = `CREATE OR REPLACE VIEW ${SALES_SCHEMA}.sales_lines AS
SELECT s.*, f.vendor_number AS _vendor_number, f.report_type AS _report_type, f.report_sub_type AS _report_sub_type,
  f.frequency AS _frequency, f.report_date AS _report_date, f.version AS _version, f.file_checksum AS _file_checksum,
  f.fetched_at AS _fetched_at,
  coalesce(p.product_group, 'other') AS product_group,
  CASE WHEN coalesce(s.parent_identifier, '') <> '' THEN s.parent_identifier ELSE s.sku END AS app_sku,
  s.currency_of_proceeds AS proceeds_currency,
  -- Exact decimal arithmetic; refunds have negative units and positive per-unit proceeds (§1.8).
  s.units * s.developer_proceeds AS extended_proceeds
FROM ${SALES_SCHEMA}.sales_summary AS s
JOIN ${SALES_SCHEMA}.files AS f ON f.file_id = s._file_id
LEFT JOIN ${SALES_SCHEMA}.product_types AS p USING (product_type_identifier)`;

const frequencyView = (frequency: string, name: string) => `CREATE OR REPLACE VIEW ${SALES_SCHEMA}.${name} AS
SELECT l._vendor_number AS vendor_number, l.begin_date AS date, l.end_date, a.app_id, l.app_sku,
  l.product_group, l.country_code AS territory, l.proceeds_currency AS currency,
  sum(l.units) AS units, sum(l.extended_proceeds) AS proceeds
FROM ${SALES_SCHEMA}.sales_lines AS l
LEFT JOIN orchard.apps AS a ON a.sku = l.app_sku
WHERE l._frequency = '${frequency}'
GROUP BY ALL`;

const CONVERTED = `CREATE OR REPLACE VIEW ${SALES_SCHEMA}.daily_converted AS
WITH target AS (
  SELECT coalesce((SELECT any_value(currency) FROM ${SALES_SCHEMA}.reporting_currency), 'USD') AS currency
)
SELECT d.*, t.currency AS reporting_currency,
  CASE WHEN d.currency = t.currency THEN 1 ELSE fx.rate END AS rate_used,
  CASE WHEN d.currency = t.currency THEN 'same currency' ELSE fx.source END AS rate_source,
  d.proceeds * (CASE WHEN d.currency = t.currency THEN 1 ELSE fx.rate END) AS proceeds_converted
FROM ${SALES_SCHEMA}.daily AS d
CROSS JOIN target AS t
LEFT JOIN ${SALES_SCHEMA}.fx_rates AS fx
  ON fx.currency = d.currency AND fx.target_currency = t.currency AND d.date BETWEEN fx.valid_from AND fx.valid_to`;

/** Settled money per fiscal month; a month's ZZ file (all regions) wins over its per-region files. */
const FINANCE_MONTHLY = `CREATE OR REPLACE VIEW ${SALES_SCHEMA}.finance_monthly AS
WITH chosen AS (
  SELECT f.* FROM ${SALES_SCHEMA}.financial AS f
  WHERE f._region_code = 'ZZ' OR NOT EXISTS (
    SELECT 1 FROM ${SALES_SCHEMA}.financial AS z
    WHERE z._region_code = 'ZZ' AND z._vendor_number = f._vendor_number AND z._fiscal_month = f._fiscal_month)
)
SELECT c._vendor_number AS vendor_number, c._fiscal_month AS fiscal_month, cal.start_date, cal.end_date,
  c.country_of_sale AS territory, c.partner_share_currency AS currency, coalesce(p.product_group, 'other') AS product_group,
  sum(c.quantity) AS units, sum(c.extended_partner_share) AS proceeds
FROM chosen AS c
LEFT JOIN ${SALES_SCHEMA}.product_types AS p USING (product_type_identifier)
LEFT JOIN ${SALES_SCHEMA}.fiscal_calendar AS cal ON cal.fiscal_month = c._fiscal_month
GROUP BY ALL`;

export async function createSalesViews(connection: DuckDBConnection): Promise<void> {
  await connection.run(LINES);
  for (const [frequency, name] of FREQUENCY_VIEWS) await connection.run(frequencyView(frequency, name));
  await connection.run(CONVERTED);
  await connection.run(FINANCE_MONTHLY);
}
