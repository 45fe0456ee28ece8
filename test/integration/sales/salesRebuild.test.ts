// A lost or damaged warehouse gets its Sales and Trends and Finance rows back from the files kept
// under <data>/sales/, without Apple: the rebuild loads each period's newest file (a re-issued day
// its new file), falls back to an older file of the period when the newest is damaged, and names
// a period it cannot load.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { salesStatusText } from '../../../main/cli/cliSales';
import { rebuildFromCache } from '../../../main/sync/rebuild';
import { openWarehouseWithHealth } from '../../../main/sync/warehouseAccess';
import { DATABASE_FILE, type Warehouse } from '../../../main/warehouse';
import { readAll } from '../warehouse/support';
import { DAILY_SALES, startSalesHarness, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
let rebuilt: Warehouse | undefined;
afterEach(async () => {
  await rebuilt?.close();
  rebuilt = undefined;
  await h?.close();
  h = undefined;
});

const TOTALS = `SELECT CAST(date AS VARCHAR), currency, CAST(sum(units) AS VARCHAR), CAST(sum(proceeds) AS VARCHAR) FROM sales.daily GROUP BY ALL ORDER BY 1, 2`;
const OUTCOMES = `SELECT report_type, report_sub_type, frequency, report_date, outcome, file_checksum FROM orchard.sales_dates ORDER BY ALL`;
const FINANCE = `SELECT fiscal_month, currency, CAST(sum(proceeds) AS VARCHAR) FROM sales.finance_monthly GROUP BY ALL ORDER BY 1, 2`;
const dayTotals = (w: Warehouse, day: string) => readAll(w, `SELECT currency, CAST(sum(units) AS VARCHAR) FROM sales.daily WHERE date = DATE '${day}' GROUP BY 1 ORDER BY 1`);

/** Closes the harness's warehouse, deletes its file, and opens the data folder again as the app does. */
async function loseWarehouse(harness: SalesHarness) {
  await harness.warehouse.close();
  await rm(path.join(harness.dataDir, DATABASE_FILE), { force: true });
  await rm(path.join(harness.dataDir, `${DATABASE_FILE}.wal`), { force: true });
  const opened = await openWarehouseWithHealth({ dataDir: harness.dataDir, logger: silentLogger, damaged: 'set-aside' });
  rebuilt = opened.warehouse;
  return opened.health;
}

describe('rebuilding sales from the kept files', () => {
  it('loads periods kept before the ledger existed the old way, beside the ones the ledger restores', { timeout: 180_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.noSalesDays.add('2025-02-28');
    await h.sync([DAILY_SALES], { days: 8 });
    const before = await readAll(h.warehouse, TOTALS);
    const ledgerFile = path.join(h.dataDir, 'sales', h.fake.sales.vendorNumber, 'SALES_SUMMARY_DAILY', 'ledger.jsonl');
    // An older Orchard kept the files but wrote no ledger for them: only the newest days have lines.
    const lines = (await readFile(ledgerFile, 'utf8')).split('\n').filter((l) => l && (JSON.parse(l) as { reportDate: string }).reportDate >= '2025-02-28');
    await writeFile(ledgerFile, lines.map((l) => `\n${l}`).join(''));
    await loseWarehouse(h);
    const summary = await rebuildFromCache({ warehouse: rebuilt!, dataDir: h.dataDir });
    expect(summary).toMatchObject({ outcome: 'succeeded', salesFailures: [] });
    expect(await readAll(rebuilt!, TOTALS)).toEqual(before);
    const outcomes = await readAll(rebuilt!, `SELECT report_date, outcome FROM orchard.sales_dates WHERE report_date >= '2025-02-25' ORDER BY 1`);
    expect(outcomes).toEqual([['2025-02-25', 'loaded'], ['2025-02-26', 'loaded'], ['2025-02-27', 'loaded'], ['2025-02-28', 'no-sales'], ['2025-03-01', 'loaded'], ['2025-03-02', 'not-yet']]);
  });

  it('reloads every period, the re-issued day from its newest file, finance included, equal to before', { timeout: 180_000 }, async () => {
    h = await startSalesHarness();
    await h.sync([DAILY_SALES], { days: 20 });
    h.fake.sales.reissue('2025-03-01');
    await h.sync([DAILY_SALES], { days: 20 });
    const finance = await h.syncFinance({ months: 2 });
    expect(finance.errors).toEqual([]);
    const before = await readAll(h.warehouse, TOTALS);
    const outcomesBefore = await readAll(h.warehouse, OUTCOMES);
    const financeBefore = await readAll(h.warehouse, FINANCE);
    const reissued = await dayTotals(h.warehouse, '2025-03-01');
    expect(before.length).toBeGreaterThan(20);
    expect(financeBefore.length).toBeGreaterThan(0);

    const health = await loseWarehouse(h);
    // 19 days published (03-02 is not yet), the re-issued day's second file, one fiscal month (the other is not yet).
    expect(health).toMatchObject({ state: 'missing', keptSalesFiles: 19 + 1 + 1 });
    expect(await readAll(rebuilt!, 'SELECT count(*)::INTEGER FROM sales.sales_summary')).toEqual([[0]]);

    const summary = await rebuildFromCache({ warehouse: rebuilt!, dataDir: h.dataDir });
    expect(summary).toMatchObject({ outcome: 'succeeded', salesFilesLoaded: 19 + 1, salesFailures: [] });
    expect(await readAll(rebuilt!, TOTALS)).toEqual(before);
    expect(await readAll(rebuilt!, FINANCE)).toEqual(financeBefore);
    expect(await dayTotals(rebuilt!, '2025-03-01')).toEqual(reissued);
    // Every outcome comes back from the ledger kept beside the files: the not-yet day and finance month too.
    expect(await readAll(rebuilt!, OUTCOMES)).toEqual(outcomesBefore);
    expect(outcomesBefore.map((r) => r[4])).toContain('not-yet');
    expect(await readAll(rebuilt!, `SELECT DISTINCT frequency, detail FROM orchard.sales_dates WHERE outcome = 'loaded' ORDER BY 1`)).toEqual([
      ['DAILY', 'reloaded from the kept file'],
      // ZZ files carry no Total_ trailer: loaded, and marked so, never silently.
      ['FISCAL_MONTH', 'reloaded from the kept file; unchecked: the file has no Total_ trailer lines to add its rows up against'],
    ]);
    expect(await readAll(rebuilt!, `SELECT count(*)::INTEGER, count(version)::INTEGER FROM sales.files`)).toEqual([[19, 19]]);
  });

  it('falls back to the older file of a period whose newest is damaged, and names a period it cannot load', { timeout: 180_000 }, async () => {
    h = await startSalesHarness();
    await h.sync([DAILY_SALES], { days: 5 });
    const original = await dayTotals(h.warehouse, '2025-03-01');
    h.fake.sales.reissue('2025-03-01');
    await h.sync([DAILY_SALES], { days: 5 });
    expect(await dayTotals(h.warehouse, '2025-03-01')).not.toEqual(original);

    const folder = path.join(h.dataDir, 'sales', h.fake.sales.vendorNumber, 'SALES_SUMMARY_DAILY');
    const files = (await readdir(folder)).sort();
    expect(files.filter((f) => f.startsWith('2025-03-01_'))).toHaveLength(2);
    // The re-issued file (the ledger's) is the newer one; damaging it keeps it the newest.
    const reissuedPath = (await readAll(h.warehouse, `SELECT file_path FROM orchard.sales_dates WHERE report_date = '2025-03-01'`))[0]?.[0];
    await writeFile(path.join(h.dataDir, String(reissuedPath)), Buffer.from('not a gzip file'));
    const lonely = files.find((f) => f.startsWith('2025-02-27_'))!;
    await writeFile(path.join(folder, lonely), Buffer.from([0x1f, 0x8b, 0, 1, 2, 3]));

    await loseWarehouse(h);
    const summary = await rebuildFromCache({ warehouse: rebuilt!, dataDir: h.dataDir });
    expect(summary.outcome).toBe('partial');
    // 02-26 … 03-01 were published: 02-27 cannot load, 03-01 loads from its older file.
    expect(summary.salesFilesLoaded).toBe(3);
    expect(summary.salesFailures).toEqual([{ file: expect.stringContaining('2025-02-27_'), message: expect.stringMatching(/gzip|damaged/i) }]);
    expect(await dayTotals(rebuilt!, '2025-03-01')).toEqual(original);
    expect(await dayTotals(rebuilt!, '2025-02-27')).toEqual([]);
    // The blame is the local copy's, never Apple's; by the real clock 2025-02-27 is past Apple's year.
    const damaged = summary.salesFailures?.[0]?.message ?? '';
    expect(damaged).toMatch(/damaged on this computer.*a local problem, not Apple's/);
    expect(damaged).not.toMatch(/Apple sent/);
    expect(damaged).toMatch(/no longer serves this period.*cannot be fetched again/);
    const rows = await rebuilt!.sales.dates(h.fake.sales.vendorNumber);
    expect(rows.find((r) => r.reportDate === '2025-02-27')).toMatchObject({ outcome: 'error', detail: expect.stringMatching(/local problem/) });
    expect(rows.find((r) => r.reportDate === '2025-03-01')).toMatchObject({ outcome: 'loaded', detail: expect.stringMatching(/loaded the older kept copy/) });
    // Shown by `status --sales` until resolved, whole.
    expect(salesStatusText(rows)).toMatch(/2025-02-27 {2}failed {2}The kept copy .* no longer serves this period/);
    expect(salesStatusText(rows)).toMatch(/Daily sales: 3 loaded, 0 no sales, 1 not yet, 0 gone, 1 failed/);
  });
});
