// A warehouse whose Sales and Trends rows carry schema 5's eight provenance columns opens in place
// under schema 6: each distinct provenance becomes one `sales.files` row, the rows keep their
// values and point at it through `_file_id`, the views sum the same, and a re-issued day loaded
// afterwards replaces the migrated rows instead of adding to them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSalesFile } from '../../../main/sales/salesFileStore';
import { SCHEMA_VERSION, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { SALES_HEADER_28 } from '../../../main/warehouse/sales/salesCatalogue';
import { readAll } from '../warehouse/support';
import { VENDOR, writeV5SalesWarehouse } from './v5SalesWarehouse';

let dataDir: string;
let warehouse: Warehouse | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-migrate6-'));
  await writeV5SalesWarehouse(dataDir);
});
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

const rows = (sql: string) => readAll(warehouse!, sql);
const dailyTotals = () => rows(`SELECT CAST(date AS VARCHAR), currency, CAST(sum(units) AS VARCHAR), CAST(sum(proceeds) AS VARCHAR)
  FROM sales.daily GROUP BY ALL ORDER BY 1, 2`);

describe('migrating Sales and Trends provenance to sales.files', () => {
  it('gives every distinct file one row and every sales row its file id, losing nothing', async () => {
    warehouse = await openWarehouse({ dataDir });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
    expect(await rows('SELECT max(version) FROM orchard.schema_version')).toEqual([[SCHEMA_VERSION]]);
    expect(await rows('SELECT count(*) FROM orchard.schema_version WHERE version = 6')).toEqual([['1']]);
    expect(await rows(`SELECT report_type, frequency, CAST(report_date AS VARCHAR), version, file_checksum, row_count::INTEGER
      FROM sales.files ORDER BY report_type, frequency, report_date`)).toEqual([
      ['SALES', 'DAILY', '2025-03-01', '1_0', 'a1', 2],
      ['SALES', 'DAILY', '2025-03-02', null, 'b1', 2],
      ['SALES', 'WEEKLY', '2025-02-24', '1_0', 'c1', 1],
      ['SUBSCRIPTION_EVENT', 'DAILY', '2025-03-01', '1_4', 'e1', 2],
    ]);
    expect(await rows('SELECT count(DISTINCT file_id)::INTEGER FROM sales.files')).toEqual([[4]]);
    expect(await rows(`SELECT table_name, list(column_name ORDER BY column_index) FILTER (WHERE column_name LIKE '\\_%' ESCAPE '\\')
      FROM duckdb_columns() WHERE schema_name = 'sales' AND table_name IN ('sales_summary', 'subscription_event_summary') GROUP BY 1 ORDER BY 1`))
      .toEqual([['sales_summary', ['_file_id']], ['subscription_event_summary', ['_file_id']]]);
    // Every row found its file, and the file says where the row came from.
    expect(await rows(`SELECT e.event, CAST(f.report_date AS VARCHAR), f.file_checksum FROM sales.subscription_event_summary AS e
      JOIN sales.files AS f ON f.file_id = e._file_id ORDER BY 1`)).toEqual([['Cancel', '2025-03-01', 'e1'], ['Subscribe', '2025-03-01', 'e1']]);
    expect(await rows(`SELECT _file_checksum, CAST(_report_date AS VARCHAR), count(*)::INTEGER FROM sales.sales_lines GROUP BY ALL ORDER BY 1`))
      .toEqual([['a1', '2025-03-01', 2], ['b1', '2025-03-02', 2], ['c1', '2025-02-24', 1]]);
    // By hand from the fixture: 3 × 0.70, 2 × 0.65, 5 × 0.70 − 1 × 0.70; the week 10 × 0.70.
    expect(await dailyTotals()).toEqual([
      ['2025-03-01', 'EUR', '2.00', '1.300000'], ['2025-03-01', 'USD', '3.00', '2.100000'], ['2025-03-02', 'USD', '4.00', '2.800000'],
    ]);
    expect(await rows(`SELECT CAST(sum(proceeds) AS VARCHAR) FROM sales.weekly`)).toEqual([['7.000000']]);
  });

  it('replaces a migrated day when its file is re-issued', async () => {
    warehouse = await openWarehouse({ dataDir, readableDirs: [dataDir] });
    const values: Record<string, string> = {
      'Provider': 'APPLE', 'SKU': 'EXAMPLE', 'Product Type Identifier': '1', 'Units': '7', 'Developer Proceeds': '0.70',
      'Begin Date': '03/02/2025', 'End Date': '03/02/2025', 'Country Code': 'US', 'Currency of Proceeds': 'USD',
    };
    const gzip = gzipSync(`${SALES_HEADER_28.join('\t')}\n${SALES_HEADER_28.map((h) => values[h] ?? '').join('\t')}\n`);
    const filePath = path.join(dataDir, 'reissued.tsv.gz');
    await writeFile(filePath, gzip);
    const { checksum, headers, dateFormat } = await checkSalesFile(gzip);
    const base = { vendorNumber: VENDOR, reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', periodStart: '2025-03-02', version: '1_0', fetchedAt: new Date() };
    await warehouse.sales.load([{ ...base, checksum, filePath, headers, dateFormat }], [{ ...base, reportDate: '2025-03-02', outcome: 'loaded', fileChecksum: checksum }]);
    expect(await dailyTotals()).toEqual([
      ['2025-03-01', 'EUR', '2.00', '1.300000'], ['2025-03-01', 'USD', '3.00', '2.100000'], ['2025-03-02', 'USD', '7.00', '4.900000'],
    ]);
    expect(await rows(`SELECT file_checksum, row_count::INTEGER FROM sales.files WHERE report_date = DATE '2025-03-02'`)).toEqual([[checksum, 1]]);
    expect(await rows('SELECT count(*)::INTEGER FROM sales.sales_summary WHERE _file_id NOT IN (SELECT file_id FROM sales.files)')).toEqual([[0]]);
    expect(await rows(`SELECT row_count::INTEGER, attempts FROM orchard.sales_dates WHERE report_date = '2025-03-02'`)).toEqual([[1, 2]]);
  });
});
