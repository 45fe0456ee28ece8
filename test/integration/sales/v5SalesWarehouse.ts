// A warehouse file with Sales and Trends rows as schema 5 left them, for migration 6's test: eight
// provenance columns on every row (frozen here as schema 5 wrote them), no `sales.files`. Made by
// opening a current warehouse (so everything else is as it should be), then putting the sales
// tables back the way schema 5 had them and forgetting migration 6.
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { openWarehouse } from '../../../main/warehouse';

const PROVENANCE_5 = `_vendor_number VARCHAR, _report_type VARCHAR, _report_sub_type VARCHAR, _frequency VARCHAR,
  _report_date DATE, _version VARCHAR, _file_checksum VARCHAR, _fetched_at TIMESTAMP`;

export const VENDOR = '85012345';

/** [frequency, report date, version, checksum, sku, product type, units, proceeds, currency, country]. */
const SALES_ROWS: ReadonlyArray<readonly [string, string, string | null, string, string, string, string, string, string, string]> = [
  ['DAILY', '2025-03-01', '1_0', 'a1', 'EXAMPLE', '1', '3', '0.70', 'USD', 'US'],
  ['DAILY', '2025-03-01', '1_0', 'a1', 'EXAMPLE', '1', '2', '0.65', 'EUR', 'DE'],
  // A version schema 5 did not know (NULL) must still find its file.
  ['DAILY', '2025-03-02', null, 'b1', 'EXAMPLE', '1', '5', '0.70', 'USD', 'US'],
  ['DAILY', '2025-03-02', null, 'b1', 'EXAMPLE', '1', '-1', '0.70', 'USD', 'US'],
  ['WEEKLY', '2025-02-24', '1_0', 'c1', 'EXAMPLE', '1', '10', '0.70', 'USD', 'US'],
];

const text = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

export async function writeV5SalesWarehouse(dataDir: string): Promise<void> {
  await (await openWarehouse({ dataDir })).close();
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb').replaceAll("'", "''")}' AS warehouse`);
    await c.run('USE warehouse');
    await c.run('DELETE FROM orchard.schema_version WHERE version >= 6');
    await c.run('DROP TABLE sales.sales_summary');
    await c.run('DROP TABLE sales.files');
    await c.run(`CREATE TABLE sales.sales_summary (provider VARCHAR, sku VARCHAR, product_type_identifier VARCHAR, units DECIMAL(18,2),
      developer_proceeds DECIMAL(18,4), begin_date DATE, end_date DATE, country_code VARCHAR, currency_of_proceeds VARCHAR,
      parent_identifier VARCHAR, ${PROVENANCE_5})`);
    for (const [frequency, day, version, checksum, sku, type, units, proceeds, currency, country] of SALES_ROWS) {
      await c.run(`INSERT INTO sales.sales_summary VALUES ('APPLE', '${sku}', '${type}', ${units}, ${proceeds}, DATE '${day}',
        DATE '${day}' + ${frequency === 'WEEKLY' ? 6 : 0}, '${country}', '${currency}', '', '${VENDOR}', 'SALES', 'SUMMARY', '${frequency}',
        DATE '${day}', ${text(version)}, '${checksum}', TIMESTAMP '2025-03-03 10:00:00')`);
    }
    await c.run(`CREATE TABLE sales.subscription_event_summary (event_date DATE, event VARCHAR, quantity DECIMAL(18,2), ${PROVENANCE_5})`);
    await c.run(`INSERT INTO sales.subscription_event_summary VALUES
      (DATE '2025-03-01', 'Subscribe', 4, '${VENDOR}', 'SUBSCRIPTION_EVENT', 'SUMMARY', 'DAILY', DATE '2025-03-01', '1_4', 'e1', TIMESTAMP '2025-03-03 10:00:00'),
      (DATE '2025-03-01', 'Cancel', 1, '${VENDOR}', 'SUBSCRIPTION_EVENT', 'SUMMARY', 'DAILY', DATE '2025-03-01', '1_4', 'e1', TIMESTAMP '2025-03-03 10:00:00')`);
    await c.run(`INSERT INTO orchard.sales_dates (vendor_number, report_type, report_sub_type, frequency, report_date, period_start, version,
      outcome, file_checksum, row_count, attempts, fetched_at, loaded_at) VALUES
      ('${VENDOR}', 'SALES', 'SUMMARY', 'DAILY', '2025-03-01', DATE '2025-03-01', '1_0', 'loaded', 'a1', 2, 1, TIMESTAMP '2025-03-03 10:00:00', TIMESTAMP '2025-03-03 10:00:00'),
      ('${VENDOR}', 'SALES', 'SUMMARY', 'DAILY', '2025-03-02', DATE '2025-03-02', NULL, 'loaded', 'b1', 2, 1, TIMESTAMP '2025-03-03 10:00:00', TIMESTAMP '2025-03-03 10:00:00'),
      ('${VENDOR}', 'SALES', 'SUMMARY', 'WEEKLY', '2025-02-24', DATE '2025-02-24', '1_0', 'loaded', 'c1', 1, 1, TIMESTAMP '2025-03-03 10:00:00', TIMESTAMP '2025-03-03 10:00:00'),
      ('${VENDOR}', 'SUBSCRIPTION_EVENT', 'SUMMARY', 'DAILY', '2025-03-01', DATE '2025-03-01', '1_4', 'loaded', 'e1', 2, 1, TIMESTAMP '2025-03-03 10:00:00', TIMESTAMP '2025-03-03 10:00:00')`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
