// Sales files write dates as MM/DD/YYYY (fact sheet §1.4) but some as ISO; each file is read with
// its own format, found from its first dated row when it is checked, so one load may mix both.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSalesFile } from '../../../main/sales/salesFileStore';
import { openWarehouse, type Warehouse } from '../../../main/warehouse';
import { SALES_HEADER_28 } from '../../../main/warehouse/sales/salesCatalogue';
import { readAll } from '../warehouse/support';

let dataDir: string | undefined;
let warehouse: Warehouse | undefined;
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A Summary Sales file of the given rows (header → value; missing fields blank), CRLF when asked. */
function salesText(rows: readonly Record<string, string>[], eol = '\n'): Buffer {
  const lines = [SALES_HEADER_28.join('\t'), ...rows.map((row) => SALES_HEADER_28.map((h) => row[h] ?? '').join('\t'))];
  return gzipSync(`${lines.join(eol)}${eol}`);
}

const row = (begin: string, end: string, units: string) => ({
  'Provider': 'APPLE', 'SKU': 'EXAMPLE', 'Product Type Identifier': '1', 'Units': units, 'Developer Proceeds': '0.70',
  'Begin Date': begin, 'End Date': end, 'Country Code': 'US', 'Currency of Proceeds': 'USD',
});

describe('sales date formats', () => {
  it('finds each file’s format from its first dated row, past a row whose dates are blank', async () => {
    expect((await checkSalesFile(salesText([row('03/01/2025', '03/01/2025', '1')]))).dateFormat).toBe('%m/%d/%Y');
    expect((await checkSalesFile(salesText([row('', '', '1'), row('2025-03-02', '2025-03-02', '2')], '\r\n'))).dateFormat).toBe('%Y-%m-%d');
    expect((await checkSalesFile(salesText([]))).dateFormat).toBeUndefined();
  });

  it('loads a batch that mixes MM/DD/YYYY and ISO files, each day on its own date', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sales-dates-'));
    warehouse = await openWarehouse({ dataDir, readableDirs: [dataDir] });
    const days = [['2025-03-01', '03/01/2025', '3'], ['2025-03-02', '2025-03-02', '5']] as const;
    const files = [];
    const records = [];
    for (const [day, written, units] of days) {
      const gzip = salesText([row(written, written, units)]);
      const filePath = path.join(dataDir, `${day}.tsv.gz`);
      await writeFile(filePath, gzip);
      const { checksum, headers, dateFormat } = await checkSalesFile(gzip);
      const base = { vendorNumber: '85012345', reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'DAILY', periodStart: day, version: '1_0', fetchedAt: new Date() };
      files.push({ ...base, checksum, filePath, headers, dateFormat });
      records.push({ ...base, reportDate: day, outcome: 'loaded' as const, fileChecksum: checksum });
    }
    await warehouse.sales.load(files, records);
    expect(await readAll(warehouse, `SELECT CAST(begin_date AS VARCHAR), CAST(end_date AS VARCHAR), CAST(units AS VARCHAR) FROM sales.sales_summary ORDER BY 1`))
      .toEqual([['2025-03-01', '2025-03-01', '3.00'], ['2025-03-02', '2025-03-02', '5.00']]);
  });
});
